#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace salvo::test {

// The whole content of a file; empty when it cannot be read.
std::string readWholeFile(const std::string& path);

// A child process whose stdout and stderr go to temporary files, for driving salvo-cli.
class Subprocess {
public:
    explicit Subprocess(const std::vector<std::string>& argv);
    ~Subprocess();  // kills the child if it still runs

    void signal(int signo);
    // Waits up to `limit`; returns the exit code, 128+N for death by signal N, or -1 on timeout.
    int wait(std::chrono::milliseconds limit = std::chrono::seconds(60));
    std::string out() const;
    std::string err() const;

private:
    int pid_ = -1;
    int status_ = -1;
    std::string outFile_, errFile_;
};

}  // namespace salvo::test
