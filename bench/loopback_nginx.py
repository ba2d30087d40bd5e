"""nginx on loopback for the benchmarks: its own prefix in a scratch folder, an 11-byte file, and
the CPU its workers use (which tells whether the server, not the client, set the rate)."""
import os, signal, subprocess, time

CONF = """
worker_processes {workers};
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 20000; }}
worker_rlimit_nofile 40000;
http {{
  {access_log}
  keepalive_requests 100000000;
  keepalive_timeout 120s;{h2_settings}
  server {{ listen 127.0.0.1:{port}{h2}; location / {{ root {dir}/www; }} }}
  {tls_server}
}}
"""

TLS_SERVER = """server {{ listen 127.0.0.1:{tls_port} ssl{h2}; ssl_certificate {dir}/cert.pem;
           ssl_certificate_key {dir}/key.pem; location / {{ root {dir}/www; }} }}"""


class LoopbackNginx:
    """Started by the constructor; stop() ends it. tls_port adds an HTTPS server with a
    throwaway self-signed certificate; access_log replaces the default `access_log off;`.
    http2=True makes both listeners HTTP/2 only (nginx 1.22's `listen ... http2`): the plain one
    by prior knowledge (h2c), the TLS one by ALPN, with up to 128 streams per connection."""

    def __init__(self, workdir, port, workers, tls_port=None, access_log="access_log off;", http2=False):
        self.workdir = workdir
        os.chmod(workdir, 0o755)  # nginx's workers run unprivileged and must read the file
        os.makedirs(f"{workdir}/www")
        with open(f"{workdir}/www/index.html", "w") as f:
            f.write("hello world")  # 11 bytes
        tls_server = ""
        if tls_port:
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                            "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1", "-keyout", f"{workdir}/key.pem",
                            "-out", f"{workdir}/cert.pem"], check=True, capture_output=True)
            tls_server = TLS_SERVER.format(dir=workdir, tls_port=tls_port, h2=" http2" if http2 else "")
        with open(f"{workdir}/nginx.conf", "w") as f:
            f.write(CONF.format(workers=workers, dir=workdir, port=port, access_log=access_log,
                                tls_server=tls_server, h2=" http2" if http2 else "",
                                h2_settings="\n  http2_max_concurrent_streams 128;" if http2 else ""))
        subprocess.run(["nginx", "-c", f"{workdir}/nginx.conf", "-p", workdir], check=True)
        time.sleep(0.3)
        with open(f"{workdir}/nginx.pid") as f:
            master = int(f.read())
        self.workers = [int(p) for p in subprocess.run(["pgrep", "-P", str(master)], capture_output=True,
                                                       text=True, check=True).stdout.split()]

    def worker_cpu_seconds(self):
        """CPU seconds used so far by all nginx workers."""
        return sum(self.worker_cpu_seconds_each())

    def worker_cpu_seconds_each(self):
        """CPU seconds used so far by each nginx worker, in the order of self.workers."""
        each = []
        for pid in self.workers:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            each.append((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
        return each

    def stop(self):
        try:
            with open(f"{self.workdir}/nginx.pid") as f:
                os.kill(int(f.read()), signal.SIGQUIT)
        except (OSError, ValueError):
            pass
