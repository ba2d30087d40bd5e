#include "CliRun.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "salvo/LocalTarget.hpp"
#include "salvo/Report.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/Runner.hpp"
#include "salvo/Version.hpp"
#include "CliPlan.hpp"
#include "CliRecords.hpp"
#include "CliShard.hpp"

namespace salvo::cli {
namespace {

std::atomic<bool> interrupted{false};

extern "C" void onSignal(int) { interrupted.store(true); }

// SIGINT and SIGTERM ask for a clean stop; SA_RESETHAND makes a second Ctrl-C end us at once.
void installSignalHandlers() {
    struct sigaction action {};
    action.sa_handler = onSignal;
    action.sa_flags = SA_RESETHAND;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    // A reader that went away makes writing the report fail (exit 4), not kill us silently.
    signal(SIGPIPE, SIG_IGN);
}

// One line, redrawn in place. It moves with time: elapsed and the last whole second's rate keep
// changing during a stall, when nothing completes.
void printProgress(const RunResult& r, std::ostream& err) {
    const int width = 24;
    const int filled = static_cast<int>(r.progress() * width);
    const SecondStats* last = r.lastSecond();
    char done[64], target[48] = "";
    if (r.planned) std::snprintf(done, sizeof done, "%llu/%llu", static_cast<unsigned long long>(r.total.completed()),
                                 static_cast<unsigned long long>(r.planned));
    else std::snprintf(done, sizeof done, "%llu done", static_cast<unsigned long long>(r.total.completed()));
    if (r.open()) std::snprintf(target, sizeof target, " (target %.0f)", r.targetRateNow());
    char line[200];
    std::snprintf(line, sizeof line, "\r[%-*s] %5.1f%%  %.1fs  %s  %llu req/s now%s  %llu failed ", width,
                  std::string(filled, '#').c_str(), r.progress() * 100, r.elapsedSeconds, done,
                  static_cast<unsigned long long>(last ? last->completed : 0), target,
                  static_cast<unsigned long long>(r.total.failed));
    err << line << std::flush;
}

int serve(std::ostream& out) {
    LocalTarget target;
    out << "Built-in target listening on " << target.url() << " (Ctrl-C stops it)" << std::endl;
    while (!interrupted.load()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    out << "served " << target.requestsServed() << " requests" << std::endl;
    return kExitOk;
}

}  // namespace

// Output that did not reach its file is an error, not a quiet exit 0 (full disk, closed stdout,
// a pipe whose reader left). Written in one go, so the failing write's errno is the one reported.
int writeOut(const std::string& text, std::ostream& out, std::ostream& err, int code) {
    errno = 0;
    out << text << std::flush;
    const int error = errno;
    if (out) return code;
    err << "salvo-cli: cannot write the report to standard output"
        << (error ? std::string(": ") + std::strerror(error) : std::string()) << '\n';
    return kExitWriteFailed;
}

int exitCodeFor(const RunResult& r) {
    if (interrupted.load() && r.outcome == Outcome::cancelled) return kExitInterrupted;
    // A share's thresholds describe its part only: the run is judged when the shares are merged.
    // One that ended the share (--abort-on-fail) is its verdict, though.
    const bool aborted = std::any_of(r.thresholds.begin(), r.thresholds.end(), [](const auto& t) { return t.aborted; });
    if ((r.shard.whole() || aborted) && !thresholdsHold(r.thresholds)) return kExitThresholds;
    if (r.open() && r.limits.verdict == Verdict::generatorLimited) return kExitGeneratorLimited;
    // With thresholds, they are the judgement (as in k6): failed requests within them pass.
    if (!r.thresholds.empty()) return r.outcome == Outcome::failed ? kExitFailures : kExitOk;
    const Tally& t = r.total;
    if (r.outcome != Outcome::finished || t.completed() == 0 || t.failed > 0 || t.unsolicited > 0 ||
        r.warmup.failed > 0)
        return kExitFailures;
    return kExitOk;
}

// What a person must not miss, on stderr whatever the report format: a run with nothing to
// show, and the verdict on the generator's own limits.
void printWarnings(const RunResult& r, std::ostream& err) {
    if (r.total.completed() == 0 && r.outcome == Outcome::finished) {
        err << "salvo-cli: no request completed: ";
        if (r.inFlightAtEnd) err << r.inFlightAtEnd << " still in flight when the run ended\n";
        else if (r.warmup.completed()) err << "every response came within the warm-up\n";
        else err << "nothing was sent\n";
    }
    if (r.limits.verdict != Verdict::ok)
        err << "salvo-cli: " << (r.open() ? verdictName(r.limits.verdict) : "note") << ": " << r.limits.message << '\n';
    for (const auto& t : r.thresholds)
        if (t.state == ThresholdState::failed)
            err << "salvo-cli: threshold failed" << (r.shard.whole() ? "" : " on this share's figures (the run is judged when merged)")
                << ": " << t.threshold << " (" << t.metric << " = " << t.measured << ")\n";
}

namespace {

// The JUnit file, named after the plan (or "salvo"); a failed write is exit 4 like the record's.
int writeJunit(const CliOptions& options, const PlanRead& plan, const RunResult& result, std::ostream& err, int code) {
    if (options.junitPath.empty()) return code;
    std::string suite = plan.plan.name;
    if (suite.empty() && !options.planPath.empty()) suite = std::filesystem::path(options.planPath).stem().string();
    std::ofstream file(options.junitPath, std::ios::binary | std::ios::trunc);
    writeJunitReport(result, suite, file);
    file.flush();
    if (file) return code;
    err << "salvo-cli: the JUnit file was not written: cannot write " << options.junitPath << '\n';
    return code == kExitInterrupted ? code : kExitWriteFailed;
}

}  // namespace

int runCli(const CliOptions& options, std::ostream& out, std::ostream& err) {
    if (options.help) return writeOut(options.usage, out, err, kExitOk);
    if (options.version) return writeOut(std::string("salvo-cli ") + salvoVersion() + "\n", out, err, kExitOk);
    if (options.command == Command::report) return reportRecords(options, out, err);
    if (options.command == Command::compare) return compareRecords(options, out, err);
    if (options.command == Command::merge) return mergeRecordFiles(options, out, err);
    if (options.recordSecrets && options.recordPath.empty()) {
        err << "salvo-cli: --record-secrets keeps secrets in the run record: it needs --record FILE\n";
        return kExitBadInput;
    }
    if (options.command == Command::validate) return validatePlan(options, out, err);
    installSignalHandlers();
    if (options.serve) return serve(out);

    PlanRead plan;
    plan.plan.input = options.input;
    if (options.command == Command::runPlan && !loadPlanInput(options, plan, err)) return kExitBadInput;
    ShareStart share;
    if (!readShare(options, share, err)) return kExitBadInput;
    ValidateOptions checks;
    checks.shards = share.shard ? share.shard->count : 1;
    const Validation validation = validate(plan.plan.input, environmentVariable, checks);
    if (!validation.ok()) {
        printInputErrors(plan, validation.errors, err);
        return kExitBadInput;
    }
    RunSpec spec = validation.spec;
    if (!applyShare(share, spec, err)) return kExitBadInput;
    if (spec.target.isTls() && !spec.tls.verify)
        err << "salvo-cli: warning: TLS certificate verification is OFF (--insecure)\n";

    const bool showProgress = options.progress && isatty(STDERR_FILENO);
    if (const int code = waitForStart(share, spec.shard, interrupted, showProgress, err)) return code;
    const auto started = std::chrono::system_clock::now();
    auto lastPrint = std::chrono::steady_clock::now();
    const RunResult result = runBlocking(
        spec,
        [&](const RunResult& r) {
            const auto now = std::chrono::steady_clock::now();
            if (!showProgress || now - lastPrint < std::chrono::milliseconds(100)) return;
            lastPrint = now;
            printProgress(r, err);
        },
        [] { return interrupted.load(); });
    if (showProgress) {
        printProgress(result, err);
        err << '\n';
    }
    printWarnings(result, err);
    std::ostringstream report;
    if (options.json) writeJsonReport(result, report);
    else writeTextReport(result, report);
    int code = exitCodeFor(result);
    if (!share.recordPath.empty()) {
        // Kept whatever the outcome: a failed or cancelled run is worth comparing too.
        RunRecord record = makeRecord(spec, result, started, options.recordSecrets);
        if (share.startAt) record.plannedStart = formatUtc(*share.startAt);
        const std::string why = saveRecordFile(record, share.recordPath);
        if (!why.empty()) err << "salvo-cli: the run record was not written: " << why << '\n';
        if (!why.empty() && code != kExitInterrupted) code = kExitWriteFailed;
    }
    code = writeJunit(options, plan, result, err, code);
    const int written = writeOut(report.str(), out, err, code);
    return code == kExitInterrupted ? code : written;
}

}  // namespace salvo::cli
