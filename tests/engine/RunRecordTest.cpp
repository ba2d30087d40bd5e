#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "salvo/HdrEncoding.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Report.hpp"
#include "salvo/RunRecord.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;
namespace json = boost::json;

namespace {

RunSpec specOf(RunInput in) {
    const Validation v = validate(in);
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.errors.front().message);
    return v.spec;
}

// A real run against the built-in target: counts, histograms and a timeline of real seconds.
RunRecord recordOfRun(RunInput in, bool keepSecrets = false) {
    const RunSpec spec = specOf(in);
    RunRecord record = makeRecord(spec, runBlocking(spec), std::chrono::system_clock::now(), keepSecrets);
    EXPECT_TRUE(record.result.done());
    return record;
}

RunInput openModel(const std::string& url) {
    RunInput in;
    in.url = url + "status/503";  // failures, so the record carries error messages too
    in.rate = "400";
    in.duration = "1.5s";
    in.warmup = "250ms";
    in.connections = "4";
    return in;
}

RunRecord reread(const RunRecord& record) {
    std::ostringstream text;
    writeRecord(record, text);
    RecordRead read = readRecord(text.str());
    EXPECT_TRUE(read.record) << read.error;
    return read.record ? std::move(*read.record) : RunRecord{};
}

// Doubles may differ in their last bit after a trip through text (ms -> s -> ms); nothing else may.
void expectSameJson(const json::value& a, const json::value& b, const std::string& path) {
    if (a.is_number() && b.is_number()) {
        const double x = a.to_number<double>(), y = b.to_number<double>();
        EXPECT_NEAR(x, y, std::abs(x) * 1e-12) << path;
        return;
    }
    ASSERT_EQ(a.kind(), b.kind()) << path;
    if (a.is_object()) {
        ASSERT_EQ(a.as_object().size(), b.as_object().size()) << path;
        for (const auto& [key, value] : a.as_object()) {
            ASSERT_TRUE(b.as_object().contains(key)) << path << "." << key;
            expectSameJson(value, b.as_object().at(key), path + "." + std::string(key));
        }
    } else if (a.is_array()) {
        ASSERT_EQ(a.as_array().size(), b.as_array().size()) << path;
        for (std::size_t i = 0; i < a.as_array().size(); ++i)
            expectSameJson(a.as_array()[i], b.as_array()[i], path + "[" + std::to_string(i) + "]");
    } else {
        EXPECT_EQ(a, b) << path;
    }
}

}  // namespace

TEST(RunRecord, roundTripGivesBackTheSameReportHistogramsAndSeconds) {
    LocalTarget target;
    const RunRecord original = recordOfRun(openModel(target.url()));
    ASSERT_GT(original.result.total.failed, 0u);
    ASSERT_GT(original.result.warmup.completed(), 0u);
    const RunRecord read = reread(original);
    expectSameJson(reportJson(original.result), reportJson(read.result), "report");
    EXPECT_EQ(read.result.total.latency, original.result.total.latency);
    EXPECT_EQ(read.result.total.serviceTime, original.result.total.serviceTime);
    EXPECT_EQ(read.result.total.lag, original.result.total.lag);
    ASSERT_EQ(read.result.timeline.size(), original.result.timeline.size());
    for (std::size_t i = 0; i < read.result.timeline.size(); ++i) {
        EXPECT_EQ(read.result.timeline[i].latencyHdr, original.result.timeline[i].latencyHdr) << i;
        EXPECT_EQ(read.result.timeline[i].serviceHdr, original.result.timeline[i].serviceHdr) << i;
        EXPECT_EQ(read.result.timeline[i].latencyP99, original.result.timeline[i].latencyP99) << i;
    }
    EXPECT_EQ(read.startedAt, original.startedAt);
    EXPECT_EQ(read.host, original.host);
    EXPECT_EQ(read.salvoVersion, original.salvoVersion);
    // Written again, the record is the same document.
    expectSameJson(recordJson(original), recordJson(read), "record");
}

TEST(RunRecord, recordIsTheReportPlusItsOwnKeys) {
    LocalTarget target;
    const RunRecord record = recordOfRun(openModel(target.url()));
    const json::object report = reportJson(record.result);
    const json::object o = recordJson(record);
    for (const auto& [key, value] : report) EXPECT_TRUE(o.contains(key)) << key;
    EXPECT_EQ(o.at("format").as_string(), "salvo.run/1");
    EXPECT_TRUE(o.at("started_at").as_string().ends_with("Z"));
    const json::array& seconds = o.at("timeline").as_array();
    ASSERT_FALSE(seconds.empty());
    for (const auto& second : seconds) {
        EXPECT_TRUE(second.as_object().at("latency_hdr").as_string().starts_with("HISTF"));
        EXPECT_TRUE(second.as_object().at("service_time_hdr").as_string().starts_with("HISTF"));
    }
}

TEST(RunRecord, perSecondHistogramsAddUpToTheWholeRun) {
    LocalTarget target;
    RunInput in;
    in.url = target.url();
    in.duration = "1.2s";
    in.connections = "2";
    const RunRecord record = recordOfRun(in);
    LatencyHistogram sum;
    for (const SecondStats& s : record.result.timeline) {
        const HdrDecoded d = decodeHdr(s.latencyHdr);
        ASSERT_TRUE(d.histogram) << d.error;
        EXPECT_EQ(d.histogram->count(), s.responses);
        sum.merge(*d.histogram);
    }
    // No warm-up here, so the seconds hold exactly the run's responses, bucket for bucket.
    ASSERT_EQ(sum.count(), record.result.total.latency.count());
    for (std::size_t i = 0; i < sum.bucketCount(); ++i) EXPECT_EQ(sum.countAt(i), record.result.total.latency.countAt(i));
}

TEST(RunRecord, secretsAreRedactedUnlessKept) {
    LocalTarget target;
    RunInput in;
    in.url = target.url();
    in.count = "3";
    in.method = "POST";
    in.headers = {"Authorization: Bearer s3cret-token", "X-Trace: abc"};
    in.body = "password=hunter2";
    std::ostringstream hidden, kept;
    writeRecord(recordOfRun(in, false), hidden);
    writeRecord(recordOfRun(in, true), kept);
    EXPECT_EQ(hidden.str().find("s3cret-token"), std::string::npos);
    EXPECT_EQ(hidden.str().find("hunter2"), std::string::npos);
    EXPECT_NE(hidden.str().find("\"Authorization\""), std::string::npos);  // names stay
    EXPECT_NE(hidden.str().find(kRedacted), std::string::npos);
    EXPECT_NE(kept.str().find("s3cret-token"), std::string::npos);
    EXPECT_NE(kept.str().find("hunter2"), std::string::npos);
    const RecordRead read = readRecord(hidden.str());
    ASSERT_TRUE(read.record) << read.error;
    EXPECT_FALSE(read.record->secretsKept);
    EXPECT_EQ(read.record->spec.at("body_bytes").to_number<int>(), 16);
}

TEST(RunRecord, otherFormatsAreRefusedWithAClearMessage) {
    EXPECT_NE(readRecord("{not json").error.find("not JSON"), std::string::npos);
    EXPECT_NE(readRecord("[1,2]").error.find("not a JSON object"), std::string::npos);
    EXPECT_NE(readRecord(R"({"outcome":"finished"})").error.find("no \"format\""), std::string::npos);
    EXPECT_NE(readRecord(R"({"format":"salvo.run/0"})").error.find("\"salvo.run/0\" cannot be read"), std::string::npos);
    EXPECT_NE(readRecord(R"({"format":"salvo.run/2"})").error.find("reads \"salvo.run/1\""), std::string::npos);
    EXPECT_NE(readRecord(R"({"format":"k6/summary"})").error.find("its format is \"k6/summary\""), std::string::npos);
}

TEST(RunRecord, aBrokenKeyIsNamed) {
    LocalTarget target;
    RunInput in;
    in.url = target.url();
    in.count = "5";
    json::object o = recordJson(recordOfRun(in));
    o["requests"].as_object()["succeeded"] = "many";
    EXPECT_EQ(readRecord(json::serialize(o)).error, "requests.succeeded: expected a whole number, 0 or more");
    o = recordJson(recordOfRun(in));
    o["histograms"].as_object()["latency"].as_object()["hdr"] = "HISTFAAAAAAA";
    EXPECT_NE(readRecord(json::serialize(o)).error.find("histograms.latency.hdr: "), std::string::npos);
    o = recordJson(recordOfRun(in));
    o["timeline"].as_array()[0].as_object().erase("completed");
    EXPECT_EQ(readRecord(json::serialize(o)).error, "timeline[0].completed: missing");
}

// A record written by Salvo 0.1.0, the first salvo.run/1 writer, checked in: every later Salvo
// must still open it and read the same figures.
TEST(RunRecord, aRecordFromAnOlderVersionStillOpens) {
    const RecordRead read = readRecordFile(SALVO_TEST_DATA "/record-0.1.0.json");
    ASSERT_TRUE(read.record) << read.error;
    const RunResult& r = read.record->result;
    EXPECT_EQ(read.record->salvoVersion, "0.1.0");
    EXPECT_EQ(r.outcome, Outcome::finished);
    EXPECT_EQ(r.planned, 600u);
    EXPECT_EQ(r.total.completed(), 500u);
    EXPECT_EQ(r.warmup.completed(), 100u);
    EXPECT_EQ(r.total.latency.count(), 500u);
    EXPECT_EQ(r.total.latency.min(), 62'064u);
    EXPECT_EQ(r.total.latency.max(), 6'235'190u);
    EXPECT_EQ(read.record->spec.at("headers").at(0).at("value").as_string(), kRedacted);
    EXPECT_FALSE(r.timeline.empty());
}

TEST(RunRecord, aMinimalRecordWithoutOptionalKeysOpens) {
    // What an older writer may have left out: histograms of seconds, warm-up, limits, spec, host.
    const char* minimal = R"({"format":"salvo.run/1","started_at":"2026-01-01T00:00:00.000Z","outcome":"cancelled",
        "url":"http://127.0.0.1:1/","connections":1,"threads":1,"load":{"count":10},
        "requests":{"planned":10,"succeeded":2,"failed":0},"status":{"200":2},"errors":{},
        "histograms":{"latency":{"hdr":"HISTFAAAAB14nJNpmSzMgADMUJoRyHQz2LGAwf4DRAAATjkESw==","count":0,"min_ns":0,"max_ns":0,"mean_ns":0},
                      "service_time":{"hdr":"HISTFAAAAB14nJNpmSzMgADMUJoRyHQz2LGAwf4DRAAATjkESw==","count":0,"min_ns":0,"max_ns":0,"mean_ns":0},
                      "lag":{"hdr":"HISTFAAAAB14nJNpmSzMgADMUJoRyHQz2LGAwf4DRAAATjkESw==","count":0,"min_ns":0,"max_ns":0,"mean_ns":0}},
        "timeline":[{"sent":2,"completed":2,"failed":0,"latency_p50_ms":1.5,"latency_p90_ms":1.5,
                     "latency_p99_ms":1.5,"latency_max_ms":1.5}]})";
    const RecordRead read = readRecord(minimal);
    ASSERT_TRUE(read.record) << read.error;
    EXPECT_EQ(read.record->result.outcome, Outcome::cancelled);
    EXPECT_EQ(read.record->result.total.succeeded, 2u);
    EXPECT_EQ(read.record->result.timeline.at(0).latencyP50, 1'500'000u);
}

TEST(RunRecord, saveAndRelabelKeepEveryOtherKey) {
    LocalTarget target;
    RunInput in;
    in.url = target.url();
    in.count = "20";
    const RunRecord record = recordOfRun(in);
    const auto dir = std::filesystem::temp_directory_path() / ("salvo-record-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "run.json").string();
    ASSERT_EQ(saveRecordFile(record, path), "");
    ASSERT_EQ(relabelRecordFile(path, "before the cache </b>"), "");
    const RecordRead read = readRecordFile(path);
    ASSERT_TRUE(read.record) << read.error;
    EXPECT_EQ(read.record->label, "before the cache </b>");
    expectSameJson(reportJson(record.result), reportJson(read.record->result), "report");
    EXPECT_FALSE(std::filesystem::exists(path + ".part"));
    // A record that kept secrets is readable by its owner alone.
    RunRecord secret = record;
    secret.secretsKept = true;
    ASSERT_EQ(saveRecordFile(secret, (dir / "secret.json").string()), "");
    EXPECT_EQ(std::filesystem::status(dir / "secret.json").permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    EXPECT_NE(saveRecordFile(record, (dir / "missing" / "run.json").string()), "");
    EXPECT_NE(readRecordFile((dir / "absent.json").string()).error.find("absent.json"), std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST(RunRecord, bytesThatAreNotUtf8RoundTrip) {
    LocalTarget target;
    RunInput in;
    in.url = target.url();
    in.count = "2";
    in.method = "POST";
    in.headers = {"X-Latin1: caf\xe9"};
    in.body = std::string("\xff\xfe binary", 9);
    std::ostringstream text;
    writeRecord(recordOfRun(in, true), text);
    const RecordRead read = readRecord(text.str());
    ASSERT_TRUE(read.record) << read.error;
    EXPECT_EQ(read.record->spec.at("body").as_string(), in.body);
    EXPECT_EQ(read.record->spec.at("headers").at(0).at("value").as_string(), "caf\xe9");
}

TEST(RunRecord, aStartTimeOfAnotherShapeIsRefused) {
    LocalTarget target;
    RunInput in;
    in.url = target.url();
    in.count = "2";
    json::object o = recordJson(recordOfRun(in));
    o["started_at"] = "yesterday]\n#[injected";
    EXPECT_EQ(readRecord(json::serialize(o)).error, "started_at: expected a UTC time like 2026-11-26T09:30:00.123Z");
}

TEST(RunRecord, reportsLeaveSecretsOutEvenOfRecordsThatKeptThem) {
    json::object spec{{"headers", json::array{json::object{{"name", "Authorization"}, {"value", "Bearer x"}}}},
                      {"body", "pw=1"}, {"method", "POST"}};
    const json::object safe = withoutSecrets(spec);
    EXPECT_EQ(safe.at("headers").at(0).at("name").as_string(), "Authorization");
    EXPECT_EQ(safe.at("headers").at(0).at("value").as_string(), kRedacted);
    EXPECT_EQ(safe.at("body").as_string(), kRedacted);
    EXPECT_EQ(safe.at("method").as_string(), "POST");
}
