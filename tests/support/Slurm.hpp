#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "Subprocess.hpp"

namespace salvo::test {

// A single-node Slurm cluster (Debian's slurm-wlm 22.05) started by the test that needs it, with
// everything of its own in a temporary folder: a MUNGE key it makes and a munged on its own
// socket, and slurmctld and slurmd in the foreground with a slurm.conf it writes (its own ports
// from freePort(), state and spool directories, proctrack/linuxproc and task/none: no cgroups, no
// systemd). The node declares `cpus` CPUs whatever the machine has (SlurmdParameters=
// config_overrides), so four one-CPU tasks run at once on two cores. The constructor returns when
// sinfo shows the node idle; if that does not happen, it records a test failure with the daemons'
// output, and ready() is false. The destructor cancels what still runs, stops the daemons (TERM,
// then KILL) and removes the folder.
class Slurm {
public:
    explicit Slurm(int cpus = 4);
    ~Slurm();
    Slurm(const Slurm&) = delete;
    Slurm& operator=(const Slurm&) = delete;

    bool ready() const { return ready_; }
    // `argv` (srun, sinfo, squeue ... found on PATH) as a command line that talks to this
    // cluster: /usr/bin/env SLURM_CONF=<its slurm.conf> argv...
    std::vector<std::string> command(const std::vector<std::string>& argv) const;
    const std::string& configFile() const { return config_; }
    // What munged, slurmctld and slurmd have written so far, each under its name: for the
    // message of a failed check.
    std::string logs() const;

private:
    bool startMunge();
    void writeConfig(int cpus);
    bool waitUntilIdle();
    void cancelJobs();
    // Runs a Slurm client command against this cluster; its stdout, or "" when it failed.
    std::string query(const std::vector<std::string>& argv) const;

    std::string dir_, config_, nodeName_ = "salvo0";
    std::uint16_t controllerPort_ = 0, nodePort_ = 0;
    std::unique_ptr<Subprocess> munged_, slurmctld_, slurmd_;
    std::string setupError_;
    bool ready_ = false;
};

}  // namespace salvo::test
