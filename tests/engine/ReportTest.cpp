#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <sstream>

#include "Specs.hpp"
#include "salvo/Report.hpp"

using namespace salvo;

namespace {
RunResult sampleResult() {
    RunResult r = RunResult::planFor(test::specFor("http://127.0.0.1:8080/x", 5, 2));
    ProgressEvent e;
    e.elapsedSeconds = 0.5;
    for (std::uint64_t i = 1; i <= 3; ++i) e.delta.recordResponse(200, 100, i * 1'000'000);
    e.delta.recordResponse(503, 50, 4'000'000);
    e.delta.recordError(ErrorKind::timeout, "no complete response within the timeout");
    r.apply(e);
    r.complete();  // as Runner does when the last worker ends: closes the seconds
    r.outcome = Outcome::finished;
    return r;
}
}  // namespace

TEST(Report, jsonHasEveryDocumentedField) {
    std::ostringstream out;
    writeJsonReport(sampleResult(), out);
    const auto json = boost::json::parse(out.str()).as_object();
    EXPECT_EQ(json.at("outcome").as_string(), "finished");
    const auto& requests = json.at("requests").as_object();
    EXPECT_EQ(requests.at("planned").to_number<int>(), 5);
    EXPECT_EQ(requests.at("completed").to_number<int>(), 5);
    EXPECT_EQ(requests.at("succeeded").to_number<int>(), 3);
    EXPECT_EQ(requests.at("failed").to_number<int>(), 2);
    EXPECT_EQ(json.at("status").as_object().at("200").to_number<int>(), 3);
    EXPECT_EQ(json.at("status").as_object().at("503").to_number<int>(), 1);
    EXPECT_EQ(json.at("errors").as_object().at("timeout").to_number<int>(), 1);
    EXPECT_EQ(json.at("errors").as_object().at("status").to_number<int>(), 1);
    const auto& latency = json.at("latency_ms").as_object();
    for (const char* key : {"min", "mean", "p50", "p90", "p99", "p999", "max"}) EXPECT_TRUE(latency.contains(key)) << key;
    EXPECT_DOUBLE_EQ(latency.at("min").to_number<double>(), 1.0);
    EXPECT_DOUBLE_EQ(latency.at("max").to_number<double>(), 4.0);
    EXPECT_DOUBLE_EQ(json.at("duration_s").to_number<double>(), 0.5);
    EXPECT_DOUBLE_EQ(json.at("rps").to_number<double>(), 10.0);
    EXPECT_EQ(json.at("bytes_received").to_number<int>(), 350);
    EXPECT_EQ(json.at("error_samples").as_array().size(), 1u);
}

TEST(Report, textNamesOutcomeCountsAndErrors) {
    std::ostringstream out;
    writeTextReport(sampleResult(), out);
    const std::string text = out.str();
    EXPECT_NE(text.find("Outcome:     finished"), std::string::npos);
    EXPECT_NE(text.find("5 of 5 completed, 3 succeeded, 2 failed"), std::string::npos);
    EXPECT_NE(text.find("timeout x1"), std::string::npos);
    EXPECT_NE(text.find("503 x1"), std::string::npos);
}

TEST(Report, timelineCsvHasOneRowPerSecond) {
    std::ostringstream out;
    writeCsvTimeline(sampleResult(), out);
    EXPECT_EQ(out.str(), "second,completed\n0,5\n");
}

TEST(Report, errorSamplesAreDistinctAndCapped) {
    Tally t;
    for (int i = 0; i < 50; ++i) t.recordError(ErrorKind::read, "msg " + std::to_string(i % 2));
    EXPECT_EQ(t.errorCount(ErrorKind::read), 50u);
    EXPECT_EQ(t.errorSamples.size(), 2u);
}

// The error table reads exact counts per (kind, message); a message that varies per request
// cannot grow the map past its cap.
TEST(Report, errorMessagesAreCountedExactlyAndCapped) {
    Tally t;
    for (int i = 0; i < 50; ++i) t.recordError(ErrorKind::read, "msg " + std::to_string(i % 2));
    EXPECT_EQ((t.errorMessages[{"read", "msg 0"}]), 25u);
    EXPECT_EQ((t.errorMessages[{"read", "msg 1"}]), 25u);
    Tally varying;
    for (int i = 0; i < 100; ++i) varying.recordUnsolicited("the server sent " + std::to_string(i) + " bytes");
    EXPECT_EQ(varying.errorMessages.size(), Tally::kMessagesPerKind + 1);
    EXPECT_EQ((varying.errorMessages[{"unsolicited", Tally::kOtherMessages}]), 100u - Tally::kMessagesPerKind);
    // A noisy kind does not crowd out the others: they keep their messages by name.
    varying.recordError(ErrorKind::timeout, "no complete response within the timeout");
    EXPECT_EQ((varying.errorMessages[{"timeout", "no complete response within the timeout"}]), 1u);
    Tally merged = t;
    merged.merge(t);
    EXPECT_EQ((merged.errorMessages[{"read", "msg 0"}]), 50u);
    Tally statuses;
    statuses.recordResponse(503, 10, 1000);
    statuses.recordResponse(503, 10, 1000);
    statuses.recordResponse(200, 10, 1000);  // a success is no error
    EXPECT_EQ(statuses.errorMessages.size(), 1u);
    EXPECT_EQ((statuses.errorMessages[{"status", "503"}]), 2u);
}

// First and last second come from the seconds of the events that carried each message.
TEST(Report, jsonListsErrorMessagesWithTheSecondsTheyWereSeen) {
    RunResult r = RunResult::planFor(test::specFor("http://127.0.0.1:8080/x", 5, 1));
    for (std::uint32_t second : {1u, 2u, 4u}) {
        ProgressEvent e;
        e.second = second;
        e.elapsedSeconds = second + 0.5;
        e.inFlight = second * 10;
        e.delta.recordError(ErrorKind::timeout, "no complete response within the timeout");
        if (second == 2) e.warmup.recordError(ErrorKind::connect, "refused");
        r.apply(e);
    }
    r.complete();
    const auto& seen = r.errorsSeen.at({"timeout", "no complete response within the timeout"});
    EXPECT_EQ(seen.firstSecond, 1u);
    EXPECT_EQ(seen.lastSecond, 4u);
    std::ostringstream out;
    writeJsonReport(r, out);
    const auto json = boost::json::parse(out.str()).as_object();
    const auto& messages = json.at("error_messages").as_array();
    ASSERT_EQ(messages.size(), 2u);  // the warm-up's message too
    const auto& timeout = messages[1].as_object();
    EXPECT_EQ(timeout.at("kind").as_string(), "timeout");
    EXPECT_EQ(timeout.at("count").to_number<int>(), 3);
    EXPECT_EQ(timeout.at("first_second").to_number<int>(), 1);
    EXPECT_EQ(timeout.at("last_second").to_number<int>(), 4);
    // In-flight is a gauge: a second closes with the value of the event that closed it.
    ASSERT_GE(r.timeline.size(), 4u);
    EXPECT_EQ(r.timeline[1].inFlight, 20u);
    EXPECT_EQ(r.timeline[3].inFlight, 40u);
}

// Messages that vary per request cannot grow the first/last-seen map either.
TEST(Report, errorsSeenStaysAsSmallAsTheCounts) {
    RunResult r = RunResult::planFor(test::specFor("http://127.0.0.1:8080/x", 5, 1));
    for (std::uint32_t i = 0; i < 200; ++i) {
        ProgressEvent e;
        e.second = i / 10;
        e.delta.recordUnsolicited("the server sent " + std::to_string(i) + " bytes");
        r.apply(e);
    }
    EXPECT_EQ(r.errorsSeen.size(), r.total.errorMessages.size());
    const auto& other = r.errorsSeen.at({"unsolicited", Tally::kOtherMessages});
    EXPECT_EQ(other.firstSecond, Tally::kMessagesPerKind / 10);
    EXPECT_EQ(other.lastSecond, 19u);
}

// A second in which every completion was a transport error has no latency: responses says so.
TEST(Report, aSecondOfErrorsOnlyHasNoResponses) {
    RunResult r = RunResult::planFor(test::specFor("http://127.0.0.1:8080/x", 5, 1));
    ProgressEvent e;
    e.delta.recordError(ErrorKind::timeout, "no complete response within the timeout");
    e.delta.recordResponse(503, 10, 2'000'000);
    r.apply(e);
    ProgressEvent next;
    next.second = 1;
    next.delta.recordError(ErrorKind::timeout, "no complete response within the timeout");
    r.apply(next);
    r.complete();
    ASSERT_EQ(r.timeline.size(), 2u);
    EXPECT_EQ(r.timeline[0].completed, 2u);
    EXPECT_EQ(r.timeline[0].responses, 1u);  // the 503 has a latency, the timeout none
    EXPECT_EQ(r.timeline[1].completed, 1u);
    EXPECT_EQ(r.timeline[1].responses, 0u);
    // Nothing succeeded: the text report says so beside "finished" and counts no throughput.
    r.outcome = Outcome::finished;
    r.elapsedSeconds = 1.5;
    std::ostringstream out;
    writeTextReport(r, out);
    EXPECT_NE(out.str().find("Outcome:     finished (no request succeeded)"), std::string::npos) << out.str();
    EXPECT_NE(out.str().find("(0.0 successful)"), std::string::npos) << out.str();
}

TEST(Report, succeededRateLeavesFailuresOut) {
    const RunResult r = sampleResult();
    EXPECT_NEAR(r.succeededPerSecond(), r.requestsPerSecond() * 3 / 5, 1e-9);
    RunResult none = RunResult::planFor(test::specFor("http://127.0.0.1:8080/x", 5, 1));
    EXPECT_EQ(none.succeededPerSecond(), 0.0);
}
