// One run split over several processes, as the recipes of README "Beyond one machine" run it:
// through a real (single-node) Slurm and through GNU parallel, then merged; every count checked
// against what nginx logged and against one process running the whole plan.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "Slurm.hpp"
#include "Subprocess.hpp"

using salvo::test::Slurm;
using salvo::test::Subprocess;
using namespace std::chrono_literals;

namespace {

std::set<std::string> linesWith(const std::string& text, const std::string& prefix) {
    std::set<std::string> found;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
        if (line.rfind(prefix, 0) == 0) found.insert(line);
    return found;
}

}  // namespace

// The test's own cluster works before Salvo is asked to use it: four tasks at once, told their
// rank and the task count as `--shard auto` reads them.
TEST(CliScaleOut, slurmRunsFourTasksAtOnceWithTheirRanks) {
    Slurm slurm;
    ASSERT_TRUE(slurm.ready()) << slurm.logs();
    Subprocess job(slurm.command({"srun", "-n", "4", "env"}));
    ASSERT_EQ(job.wait(60s), 0) << job.err() << slurm.logs();
    EXPECT_EQ(linesWith(job.out(), "SLURM_PROCID="),
              (std::set<std::string>{"SLURM_PROCID=0", "SLURM_PROCID=1", "SLURM_PROCID=2", "SLURM_PROCID=3"}));
    EXPECT_EQ(linesWith(job.out(), "SLURM_NTASKS="), std::set<std::string>{"SLURM_NTASKS=4"});
}
