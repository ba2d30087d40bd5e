#include "Slurm.hpp"

#include <gtest/gtest.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "LocalPort.hpp"

namespace salvo::test {
namespace {
using namespace std::chrono_literals;

std::string shortHostName() {
    char name[256] = {};
    gethostname(name, sizeof name - 1);
    std::string host = name;
    return host.substr(0, host.find('.'));
}

std::string userName() {
    const passwd* user = getpwuid(geteuid());
    return user ? user->pw_name : std::to_string(geteuid());
}

// Polls `done` every 100 ms for at most `limit`; whether it became true.
template <class Done>
bool pollFor(std::chrono::milliseconds limit, Done done) {
    for (auto deadline = std::chrono::steady_clock::now() + limit; !done();) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(100ms);
    }
    return true;
}

// Asks a daemon to stop and gives it `limit` to do so; the Subprocess kills it otherwise.
void stop(std::unique_ptr<Subprocess>& daemon, std::chrono::milliseconds limit = 10s) {
    if (!daemon) return;
    if (daemon->wait(0ms) == -1) {
        daemon->signal(SIGTERM);
        daemon->wait(limit);
    }
    daemon.reset();
}

// A daemon in the foreground, as a child of this test that gets SIGTERM if the test dies first
// (ctest's timeout kills the test, not its children): util-linux's setpriv sets the parent-death
// signal and execs it.
std::unique_ptr<Subprocess> startDaemon(std::vector<std::string> argv) {
    argv.insert(argv.begin(), {"/usr/bin/setpriv", "--pdeathsig", "TERM", "--"});
    return std::make_unique<Subprocess>(argv);
}

std::string exitNote(Subprocess& daemon) {
    const int status = daemon.wait(0ms);
    return status == -1 ? "" : " (it exited with status " + std::to_string(status) + ")";
}
}  // namespace

Slurm::Slurm(int cpus) {
    char pattern[] = "/tmp/salvo-slurm-XXXXXX";
    dir_ = mkdtemp(pattern);
    // munged wants every directory above its socket searchable by all (clients connect as any user).
    chmod(dir_.c_str(), 0755);
    config_ = dir_ + "/slurm.conf";
    controllerPort_ = freePort();
    nodePort_ = freePort();
    if (!startMunge()) {
        ADD_FAILURE() << "munged did not start: " << setupError_ << "\n" << logs();
        return;
    }
    writeConfig(cpus);
    // -D: foreground, logging to stderr; -i: no state from an earlier run (there is none).
    slurmctld_ = startDaemon({"/usr/sbin/slurmctld", "-D", "-i", "-f", config_});
    slurmd_ = startDaemon({"/usr/sbin/slurmd", "-D", "-N", nodeName_, "-f", config_});
    ready_ = waitUntilIdle();
    if (!ready_) ADD_FAILURE() << "Slurm did not come up: " << setupError_ << "\n" << logs();
}

Slurm::~Slurm() {
    if (slurmctld_ && slurmd_) cancelJobs();
    stop(slurmd_);
    stop(slurmctld_);
    stop(munged_);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

bool Slurm::startMunge() {
    Subprocess key({"/usr/sbin/mungekey", "--create", "--keyfile=" + dir_ + "/munge.key"});
    if (key.wait(30s) != 0) {
        setupError_ = "mungekey failed: " + key.err();
        return false;
    }
    const std::string socket = dir_ + "/munge.socket";
    munged_ = startDaemon({"/usr/sbin/munged", "--foreground", "--socket=" + socket, "--key-file=" + dir_ + "/munge.key",
                           "--pid-file=" + dir_ + "/munged.pid", "--seed-file=" + dir_ + "/munged.seed"});
    const bool up = pollFor(10s, [&] {
        return std::filesystem::exists(socket) || munged_->wait(0ms) != -1;
    }) && munged_->wait(0ms) == -1;
    if (!up) setupError_ = "no socket at " + socket + exitNote(*munged_);
    return up;
}

void Slurm::writeConfig(int cpus) {
    std::ofstream c(config_);
    c << "ClusterName=salvotest\n"
      // slurmctld runs only where its host name is SlurmctldHost's.
      << "SlurmctldHost=" << shortHostName() << "(127.0.0.1)\n"
      << "SlurmctldPort=" << controllerPort_ << "\nSlurmdPort=" << nodePort_ << "\n"
      << "SlurmUser=" << userName() << "\nSlurmdUser=" << userName() << "\n"
      << "AuthType=auth/munge\nCredType=cred/munge\nAuthInfo=socket=" << dir_ << "/munge.socket\n"
      << "StateSaveLocation=" << dir_ << "/state\nSlurmdSpoolDir=" << dir_ << "/spool\n"
      << "SlurmctldPidFile=" << dir_ << "/slurmctld.pid\nSlurmdPidFile=" << dir_ << "/slurmd.pid\n"
      // No cgroups and no accounting: processes are tracked by their parent, tasks run as they are.
      << "ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\n"
      << "JobAcctGatherType=jobacct_gather/none\nAccountingStorageType=accounting_storage/none\n"
      << "SchedulerType=sched/builtin\nSelectType=select/cons_tres\nSelectTypeParameters=CR_CPU\n"
      << "MpiDefault=none\nMailProg=/bin/true\nReturnToService=2\n"
      // The node's CPUs as declared here, not as slurmd counts them on this machine.
      << "SlurmdParameters=config_overrides\n"
      << "NodeName=" << nodeName_ << " NodeAddr=127.0.0.1 CPUs=" << cpus << " State=UNKNOWN\n"
      << "PartitionName=salvo Nodes=" << nodeName_ << " Default=YES MaxTime=INFINITE State=UP\n";
    std::filesystem::create_directories(dir_ + "/state");
    std::filesystem::create_directories(dir_ + "/spool");
}

bool Slurm::waitUntilIdle() {
    std::string state;
    const bool idle = pollFor(60s, [&] {
        if (slurmctld_->wait(0ms) != -1 || slurmd_->wait(0ms) != -1) return true;  // see below
        state = query({"sinfo", "--noheader", "--Node", "--format=%t"});
        return state == "idle\n";
    });
    if (slurmctld_->wait(0ms) != -1) setupError_ = "slurmctld exited" + exitNote(*slurmctld_);
    else if (slurmd_->wait(0ms) != -1) setupError_ = "slurmd exited" + exitNote(*slurmd_);
    else if (!idle) setupError_ = "after 60 s, sinfo says the node is '" + state + "', not idle";
    return idle && setupError_.empty();
}

void Slurm::cancelJobs() {
    if (query({"squeue", "--noheader"}).empty()) return;
    query({"scancel", "--user=" + userName()});
    pollFor(10s, [&] { return query({"squeue", "--noheader"}).empty(); });
}

std::string Slurm::query(const std::vector<std::string>& argv) const {
    Subprocess client(command(argv));
    return client.wait(30s) == 0 ? client.out() : "";
}

std::vector<std::string> Slurm::command(const std::vector<std::string>& argv) const {
    std::vector<std::string> line{"/usr/bin/env", "SLURM_CONF=" + config_};
    line.insert(line.end(), argv.begin(), argv.end());
    return line;
}

std::string Slurm::logs() const {
    std::ostringstream text;
    const std::pair<const char*, const std::unique_ptr<Subprocess>*> daemons[] = {
        {"munged", &munged_}, {"slurmctld", &slurmctld_}, {"slurmd", &slurmd_}};
    for (const auto& [name, daemon] : daemons)
        if (*daemon) text << "--- " << name << ":\n" << (*daemon)->out() << (*daemon)->err();
    text << "--- " << config_ << ":\n" << readWholeFile(config_);
    return text.str();
}

}  // namespace salvo::test
