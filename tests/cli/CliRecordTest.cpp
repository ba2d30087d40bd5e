#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>

#include "Subprocess.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/RunRecord.hpp"

using salvo::LocalTarget;
using salvo::test::Subprocess;
namespace fs = std::filesystem;

namespace {

Subprocess cli(std::vector<std::string> args) {
    args.insert(args.begin(), SALVO_CLI_PATH);
    return Subprocess(args);
}

// A private folder per test, removed at the end.
struct Folder {
    fs::path path = fs::temp_directory_path() /
                    ("salvo-cli-record-" + std::to_string(getpid()) + "-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    Folder() { fs::create_directories(path); }
    ~Folder() { fs::remove_all(path); }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST(CliRecord, recordThenReportPrintsTheSameFigures) {
    LocalTarget server;
    Folder dir;
    auto run = cli({"-n", "150", "-c", "3", "--json", "--record", dir / "a.json", server.url()});
    ASSERT_EQ(run.wait(), 0) << run.err();
    const auto printed = boost::json::parse(run.out()).as_object();
    const auto record = boost::json::parse(slurp(dir / "a.json")).as_object();
    EXPECT_EQ(record.at("format").as_string(), "salvo.run/1");
    // The report as printed, key for key; the timeline's seconds gain their histograms.
    for (const auto& [key, value] : printed) {
        if (key != "timeline") EXPECT_EQ(record.at(key), value) << key;
        else for (std::size_t i = 0; i < value.as_array().size(); ++i)
            for (const auto& [field, figure] : value.as_array()[i].as_object())
                EXPECT_EQ(record.at(key).at(i).at(field), figure) << field;
    }

    auto report = cli({"report", "--json", dir / "a.json"});
    ASSERT_EQ(report.wait(), 0) << report.err();
    EXPECT_EQ(boost::json::parse(report.out()).as_object(), printed);
    auto text = cli({"report", dir / "a.json"});
    ASSERT_EQ(text.wait(), 0) << text.err();
    EXPECT_NE(text.out().find("150 of 150 completed, 150 succeeded"), std::string::npos) << text.out();
}

TEST(CliRecord, aFailedRunIsRecordedToo) {
    LocalTarget server;
    Folder dir;
    auto run = cli({"-n", "5", "--record", dir / "failed.json", server.url("/status/500")});
    ASSERT_EQ(run.wait(), 1) << run.err();
    const auto record = boost::json::parse(slurp(dir / "failed.json")).as_object();
    EXPECT_EQ(record.at("requests").at("failed").to_number<int>(), 5);
}

TEST(CliRecord, secretsStayOutUnlessAskedFor) {
    LocalTarget server;
    Folder dir;
    ASSERT_EQ(cli({"-n", "2", "-H", "Authorization: Bearer s3cret", "-m", "POST", "-d", "pa55word", "--record",
                   dir / "plain.json", server.url()}).wait(), 0);
    ASSERT_EQ(cli({"-n", "2", "-H", "Authorization: Bearer s3cret", "-m", "POST", "-d", "pa55word", "--record",
                   dir / "kept.json", "--record-secrets", server.url()}).wait(), 0);
    EXPECT_EQ(slurp(dir / "plain.json").find("s3cret"), std::string::npos);
    EXPECT_EQ(slurp(dir / "plain.json").find("pa55word"), std::string::npos);
    EXPECT_NE(slurp(dir / "kept.json").find("s3cret"), std::string::npos);
    EXPECT_NE(slurp(dir / "kept.json").find("pa55word"), std::string::npos);
    auto alone = cli({"-n", "2", "--record-secrets", server.url()});
    EXPECT_EQ(alone.wait(), 2);
    EXPECT_NE(alone.err().find("needs --record"), std::string::npos);
}

TEST(CliRecord, compareShowsDifferencesAndExitsZero) {
    LocalTarget server;
    Folder dir;
    ASSERT_EQ(cli({"-n", "100", "-c", "2", "--record", dir / "fast.json", server.url()}).wait(), 0);
    ASSERT_EQ(cli({"-n", "20", "-c", "2", "--record", dir / "slow.json", server.url("/delay/20")}).wait(), 0);
    auto text = cli({"compare", dir / "fast.json", dir / "slow.json"});
    ASSERT_EQ(text.wait(), 0) << text.err();
    EXPECT_NE(text.out().find("A (baseline): "), std::string::npos) << text.out();
    EXPECT_NE(text.out().find("REGRESSION"), std::string::npos) << text.out();  // 20 ms slower
    auto json = cli({"compare", "--json", dir / "fast.json", dir / "slow.json"});
    ASSERT_EQ(json.wait(), 0) << json.err();
    const auto c = boost::json::parse(json.out()).as_object();
    bool p99Regressed = false;
    for (const auto& f : c.at("figures").as_array())
        if (f.at("key").as_string() == "latency_p99_ms") p99Regressed = f.at("runs").at(1).at("regression").as_bool();
    EXPECT_TRUE(p99Regressed);
}

TEST(CliRecord, aRecordThatDoesNotReadExitsTwoWithTheReason) {
    Folder dir;
    std::ofstream(dir / "broken.json") << "{\"format\":\"salvo.run/1\",";
    std::ofstream(dir / "foreign.json") << "{\"format\":\"salvo.run/9\"}";
    auto broken = cli({"report", dir / "broken.json"});
    EXPECT_EQ(broken.wait(), 2);
    EXPECT_NE(broken.err().find("broken.json: not JSON"), std::string::npos) << broken.err();
    auto foreign = cli({"compare", dir / "foreign.json", dir / "foreign.json"});
    EXPECT_EQ(foreign.wait(), 2);
    EXPECT_NE(foreign.err().find("\"salvo.run/9\" cannot be read"), std::string::npos) << foreign.err();
    auto missing = cli({"report", dir / "absent.json"});
    EXPECT_EQ(missing.wait(), 2);
    EXPECT_NE(missing.err().find("absent.json"), std::string::npos);
    auto one = cli({"compare", dir / "broken.json"});
    EXPECT_EQ(one.wait(), 2);
    EXPECT_NE(one.err().find("two or more"), std::string::npos);
}

TEST(CliRecord, reportWritesHtmlAndHistogramLog) {
    LocalTarget server;
    Folder dir;
    ASSERT_EQ(cli({"-n", "50", "--record", dir / "r.json", server.url()}).wait(), 0);
    auto p = cli({"report", dir / "r.json", "--html", dir / "r.html", "--hlog", dir / "r.hlog"});
    ASSERT_EQ(p.wait(), 0) << p.err();
    EXPECT_EQ(p.out(), "");  // files asked for: nothing else printed
    EXPECT_NE(slurp(dir / "r.html").find("<svg"), std::string::npos);
    EXPECT_NE(slurp(dir / "r.hlog").find("#[Histogram log format version 1.3]"), std::string::npos);
    auto two = cli({"report", dir / "r.json", dir / "r.json", "--hlog", dir / "x.hlog"});
    EXPECT_EQ(two.wait(), 2);
    auto unwritable = cli({"report", dir / "r.json", "--html", dir / "no/such/dir.html"});
    EXPECT_EQ(unwritable.wait(), 4);
    EXPECT_NE(unwritable.err().find("cannot write"), std::string::npos);
}

TEST(CliRecord, controlBytesFromARecordAreShownNotObeyed) {
    LocalTarget server;
    Folder dir;
    ASSERT_EQ(cli({"-n", "3", "--record", dir / "r.json", server.url()}).wait(), 0);
    ASSERT_EQ(salvo::relabelRecordFile(dir / "r.json", "red \x1b]0;owned\x07 \x1b[31mlabel"), "");
    auto p = cli({"report", dir / "r.json"});
    ASSERT_EQ(p.wait(), 0) << p.err();
    EXPECT_EQ(p.out().find('\x1b'), std::string::npos);
    EXPECT_NE(p.out().find("red ?]0;owned? ?[31mlabel"), std::string::npos) << p.out();
    auto c = cli({"compare", dir / "r.json", dir / "r.json"});
    ASSERT_EQ(c.wait(), 0);
    EXPECT_EQ(c.out().find('\x1b'), std::string::npos);
}
