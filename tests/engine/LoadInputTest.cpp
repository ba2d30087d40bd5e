#include <gtest/gtest.h>

#include "salvo/RunSpec.hpp"

using namespace salvo;

namespace {
RunInput base() {
    RunInput in;
    in.url = "http://127.0.0.1:8080/";
    return in;
}

std::string messageFor(const RunInput& in, Field field) {
    for (const auto& e : validate(in).errors)
        if (e.field == field) return e.message;
    return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST(LoadInput, defaultCountAppliesOnlyWithoutDurationOrStages) {
    RunInput in = base();
    EXPECT_EQ(validate(in).spec.load.count, kDefaultCount);
    EXPECT_FALSE(validate(in).spec.load.open());
    in.duration = "30s";
    const auto timed = validate(in);
    ASSERT_TRUE(timed.ok());
    EXPECT_FALSE(timed.spec.load.counted());
    EXPECT_DOUBLE_EQ(timed.spec.load.durationSeconds, 30.0);
    EXPECT_EQ(timed.spec.connections, kDefaultConnectionCap);
    in.count = "10";  // both: whichever comes first
    EXPECT_EQ(validate(in).spec.load.count, 10u);
    EXPECT_EQ(validate(in).spec.connections, 10u);
}

TEST(LoadInput, durationsReadAsPeopleWriteThem) {
    RunInput in = base();
    const std::pair<const char*, double> cases[] = {{"500ms", 0.5}, {"30s", 30}, {"5m", 300}, {"1h", 3600},
                                                    {"2.5", 2.5},   {" 90 ", 90}, {"1.5s", 1.5}};
    for (const auto& [text, seconds] : cases) {
        in.duration = text;
        const auto v = validate(in);
        ASSERT_TRUE(v.ok()) << text << ": " << v.errors.front().message;
        EXPECT_DOUBLE_EQ(v.spec.load.durationSeconds, seconds) << text;
    }
    for (const char* bad : {"abc", "10x", "-5s", "s", "1e999", "nan", "inf"}) {
        in.duration = bad;
        EXPECT_TRUE(contains(messageFor(in, Field::duration), "must be a time such as 30s")) << bad;
    }
    in.duration = "0s";
    EXPECT_EQ(messageFor(in, Field::duration), "duration must be longer than 0");
    in.duration = "31d";
    EXPECT_FALSE(messageFor(in, Field::duration).empty());
    in.duration = "800h";
    EXPECT_TRUE(contains(messageFor(in, Field::duration), "at most 30 days"));
}

TEST(LoadInput, rateMakesTheModelOpenWithAPoolThatMayGrow) {
    RunInput in = base();
    in.rate = "1000";
    in.duration = "10s";
    in.connections = "20";
    const auto v = validate(in);
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v.spec.load.open());
    EXPECT_DOUBLE_EQ(*v.spec.load.rate, 1000.0);
    EXPECT_EQ(v.spec.connections, 20u);
    EXPECT_EQ(v.spec.load.maxConnections, 1000u);  // peak rate x 1 s, capped at 1000
    in.rate = "5";
    EXPECT_EQ(validate(in).spec.load.maxConnections, 20u);  // never below the starting connections
    in.maxConnections = "50";
    EXPECT_EQ(validate(in).spec.load.maxConnections, 50u);
    in.maxConnections = "10";
    EXPECT_TRUE(contains(messageFor(in, Field::maxConnections), "below the connections opened at the start (20)"));
    in.connections = "";  // the default start (50) fits itself to a smaller limit
    EXPECT_EQ(validate(in).spec.connections, 10u);
    EXPECT_EQ(validate(in).spec.load.maxConnections, 10u);
    in.duration = "0.0001s";
    EXPECT_EQ(messageFor(in, Field::duration), "duration must be at least 1ms");
    in.duration = "10s";
    in.rate = "";
    in.stages = {"1e-300:1000"};
    EXPECT_TRUE(contains(messageFor(in, Field::stages), "at least 1ms"));
    in.stages.clear();
    in.rate = "5";
    for (const char* bad : {"0", "-1", "abc", "1e8", "nan"}) {
        in.rate = bad;
        EXPECT_TRUE(contains(messageFor(in, Field::rate), "requests per second above 0")) << bad;
    }
}

TEST(LoadInput, stagesRampAndLastTheirSum) {
    RunInput in = base();
    in.stages = {"30s:100", "1m:100", "10s:0"};
    in.startRate = "10";
    const auto v = validate(in);
    ASSERT_TRUE(v.ok()) << v.errors.front().message;
    EXPECT_DOUBLE_EQ(v.spec.load.durationSeconds, 100.0);
    EXPECT_FALSE(v.spec.load.counted());
    EXPECT_DOUBLE_EQ(v.spec.load.startRate, 10.0);
    ASSERT_EQ(v.spec.load.stages.size(), 3u);
    EXPECT_EQ(v.spec.load.stages[1], (Stage{60, 100}));
    EXPECT_DOUBLE_EQ(v.spec.load.peakRate(), 100.0);

    for (const char* bad : {"30s", "30s:", ":100", "0s:100", "30s:-1", "x:1", "30s:abc"}) {
        in.stages = {bad};
        EXPECT_TRUE(contains(messageFor(in, Field::stages), "must look like DURATION:RATE")) << bad;
    }
    in.stages = {"10s:0"};
    in.startRate = "";
    EXPECT_TRUE(contains(messageFor(in, Field::stages), "never send a request"));
    in.stages = {"10s:5"};
    in.rate = "5";
    EXPECT_TRUE(contains(messageFor(in, Field::rate), "either a rate or stages"));
    in.rate = "";
    in.duration = "5s";
    EXPECT_TRUE(contains(messageFor(in, Field::duration), "either a duration or stages"));
    in = base();
    in.startRate = "5";
    EXPECT_EQ(messageFor(in, Field::startRate), "a start rate applies to stages only");
    in = base();
    in.stages.assign(kMaxStages + 1, "1s:1");
    EXPECT_TRUE(contains(messageFor(in, Field::stages), "too many stages"));
}

TEST(LoadInput, warmupGraceArrivalAndSeed) {
    RunInput in = base();
    in.rate = "100";
    in.duration = "10s";
    in.warmup = "2s";
    in.grace = "1m";
    in.timeoutSeconds = "3";
    in.arrival = "poisson";
    in.seed = "42";
    const auto v = validate(in);
    ASSERT_TRUE(v.ok()) << v.errors.front().message;
    EXPECT_DOUBLE_EQ(v.spec.load.warmupSeconds, 2.0);
    EXPECT_DOUBLE_EQ(v.spec.load.graceSeconds, 3.0);  // never more than the timeout
    EXPECT_EQ(v.spec.load.arrival, Arrival::poisson);
    EXPECT_EQ(v.spec.load.seed, 42u);
    in.warmup = "10s";
    EXPECT_TRUE(contains(messageFor(in, Field::warmup), "must be shorter than the run (10 s)"));
    in.warmup = "";
    in.arrival = "bursty";
    EXPECT_EQ(messageFor(in, Field::arrival), "arrival must be 'uniform' or 'poisson', not 'bursty'");
    in.arrival = "poisson";
    in.seed = "-3";
    EXPECT_FALSE(messageFor(in, Field::seed).empty());
    in = base();
    in.arrival = "poisson";
    EXPECT_EQ(messageFor(in, Field::arrival), "poisson arrivals need a rate or stages");
    in = base();
    in.maxConnections = "10";
    EXPECT_TRUE(contains(messageFor(in, Field::maxConnections), "applies to a rate or stages"));
}

TEST(LoadInput, advancedFieldsAreNamedExplicitly) {
    for (Field f : {Field::url, Field::count, Field::duration, Field::rate, Field::connections})
        EXPECT_FALSE(isAdvanced(f)) << fieldName(f);
    for (Field f : {Field::timeout, Field::stages, Field::startRate, Field::maxConnections, Field::warmup,
                    Field::grace, Field::arrival, Field::seed})
        EXPECT_TRUE(isAdvanced(f)) << fieldName(f);
    EXPECT_STREQ(fieldName(Field::seed), "seed");
    EXPECT_STREQ(fieldName(Field::maxHeaderSize), "maxHeaderSize");
}
