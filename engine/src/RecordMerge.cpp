// Merging the records of a run's shares (RecordMerge.hpp): the checks that they are the shares
// of one run, each once, and the merged record around the merged result (ResultMerge.cpp).

#include "salvo/RecordMerge.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <set>

#include "ResultMerge.hpp"
#include "salvo/Shard.hpp"
#include "salvo/Version.hpp"

namespace salvo {
namespace json = boost::json;

namespace {

std::string nameOf(const std::vector<std::string>& names, std::size_t i) {
    return i < names.size() && !names[i].empty() ? names[i] : "record " + std::to_string(i + 1);
}

// As the reports say it: counted from 1 for people, with the index --shard takes.
std::string shareText(const Shard& shard) {
    return "share " + std::to_string(shard.index + 1) + " of " + std::to_string(shard.count) + " (index " +
           std::to_string(shard.index) + ")";
}

// The first key in which two specs differ, for a message that says what is not the same.
std::string firstDifference(const json::object& a, const json::object& b) {
    std::set<std::string> keys;
    for (const auto& entry : a) keys.insert(std::string(entry.key()));
    for (const auto& entry : b) keys.insert(std::string(entry.key()));
    for (const auto& key : keys) {
        const json::value* x = a.if_contains(key);
        const json::value* y = b.if_contains(key);
        if (!x || !y || *x != *y) return key;
    }
    return {};
}

// Shares of one run start together; a timeline placed a day later is not one run's.
constexpr auto kFarApart = std::chrono::hours(24);

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }

// Whether `share` is what applyShard makes of `whole` for this share (the count's part, the
// rates divided), so loads of another plan or another split are caught.
bool sameLoad(const LoadPlan& share, const LoadPlan& expected) {
    if (share.count != expected.count || share.durationSeconds != expected.durationSeconds ||
        share.rate.has_value() != expected.rate.has_value() || share.stages.size() != expected.stages.size() ||
        share.warmupSeconds != expected.warmupSeconds || share.graceSeconds != expected.graceSeconds ||
        share.arrival != expected.arrival || share.seed != expected.seed || !near(share.startRate, expected.startRate))
        return false;
    if (share.rate && !near(*share.rate, *expected.rate)) return false;
    for (std::size_t i = 0; i < share.stages.size(); ++i)
        if (share.stages[i].seconds != expected.stages[i].seconds ||
            !near(share.stages[i].targetRps, expected.stages[i].targetRps))
            return false;
    return true;
}

// Why record i cannot be merged with the first one (by itself or against it), or "".
std::string mismatch(const std::vector<RunRecord>& records, const std::vector<std::string>& names, std::size_t i) {
    const RunRecord& r = records[i];
    const RunRecord& first = records.front();
    const std::string name = nameOf(names, i), firstName = nameOf(names, 0);
    if (!r.mergedFrom.empty()) return name + " is already a merged record: merge the shares' own records";
    if (r.result.shard.whole()) return name + " is not a share of a split run (it was not run with --shard)";
    if (r.result.shard.count > kMaxShards || r.result.shard.index >= r.result.shard.count)
        return name + " has share index " + std::to_string(r.result.shard.index) + " of " +
               std::to_string(r.result.shard.count) + " shares: not a share Salvo makes";
    if (r.result.shard.count != first.result.shard.count)
        return name + " is " + shareText(r.result.shard) + ", but " + firstName + " is " +
               shareText(first.result.shard) + ": not shares of one run";
    if (const std::string key = firstDifference(r.spec, first.spec); !key.empty())
        return name + " is a share of another plan than " + firstName + ": their \"spec\" differs in \"" + key + "\"";
    if (r.plannedStart != first.plannedStart)
        return name + " was planned to start at " + (r.plannedStart.empty() ? "no --start-at" : r.plannedStart) +
               ", " + firstName + " at " + (first.plannedStart.empty() ? "no --start-at" : first.plannedStart) +
               ": shares of different runs";
    const auto started = parseStartAt(r.startedAt).at, firstStarted = parseStartAt(first.startedAt).at;
    if (!started) return name + "'s started_at (" + r.startedAt + ") is not a time";
    if (firstStarted && (*started - *firstStarted > kFarApart || *firstStarted - *started > kFarApart))
        return name + " started more than a day apart from " + firstName + " (" + r.startedAt + ", " + first.startedAt +
               "): not shares of one run";
    std::vector<std::string> rules, firstRules;
    for (const auto& t : r.result.thresholds) rules.push_back(t.threshold);
    for (const auto& t : first.result.thresholds) firstRules.push_back(t.threshold);
    if (rules != firstRules) return name + " has other thresholds than " + firstName;
    return {};
}

// Each share exactly once: the record holding each index, or why not.
std::string placeShares(const std::vector<RunRecord>& records, const std::vector<std::string>& names,
                        std::vector<std::size_t>& byShard) {
    const std::uint32_t count = records.front().result.shard.count;
    constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);
    byShard.assign(count, kAbsent);
    for (std::size_t i = 0; i < records.size(); ++i) {
        std::size_t& slot = byShard[records[i].result.shard.index];
        if (slot != kAbsent)
            return nameOf(names, slot) + " and " + nameOf(names, i) + " are both " + shareText(records[i].result.shard) +
                   ": each share must be given once";
        slot = i;
    }
    std::string missing;
    std::size_t absent = 0;
    for (std::uint32_t s = 0; s < count; ++s)
        if (byShard[s] == kAbsent && ++absent <= 10) missing += (missing.empty() ? "" : ", ") + std::to_string(s);
    if (absent == 0) return {};
    return std::to_string(absent) + " of " + std::to_string(count) + " shares missing (index " + missing +
           (absent > 10 ? ", ..." : "") + "): merge needs every share's record";
}

// The whole plan's load, from the shares' parts: counts add up, and so do the rates.
LoadPlan wholeLoad(const std::vector<RunRecord>& records) {
    LoadPlan whole = records.front().result.load;
    whole.count = 0;
    whole.maxConnections = 0;
    if (whole.rate) whole.rate = 0.0;
    whole.startRate = 0;
    for (Stage& stage : whole.stages) stage.targetRps = 0;
    for (const RunRecord& r : records) {
        const LoadPlan& l = r.result.load;
        whole.count = l.counted() && whole.count != kNoCountLimit ? whole.count + l.count : kNoCountLimit;
        whole.maxConnections += l.maxConnections;
        if (whole.rate && l.rate) *whole.rate += *l.rate;
        whole.startRate += l.startRate;
        for (std::size_t i = 0; i < whole.stages.size() && i < l.stages.size(); ++i)
            whole.stages[i].targetRps += l.stages[i].targetRps;
    }
    return whole;
}

// The machines a merged run came from, as a record's "host" names one: "node1, node2 and 6 more".
std::string hostsText(const std::vector<const RunRecord*>& shares) {
    std::vector<std::string> hosts;
    for (const RunRecord* r : shares)
        if (std::find(hosts.begin(), hosts.end(), r->host) == hosts.end()) hosts.push_back(r->host);
    std::string text;
    for (std::size_t i = 0; i < hosts.size() && i < 3; ++i) text += (i ? ", " : "") + hosts[i];
    if (hosts.size() > 3) text += " and " + std::to_string(hosts.size() - 3) + " more";
    return text;
}

}  // namespace

MergeOutcome mergeRecords(const std::vector<RunRecord>& records, const std::vector<std::string>& names) {
    try {
        if (records.size() < 2) return {std::nullopt, "merge needs the records of two or more shares of one run"};
        for (std::size_t i = 0; i < records.size(); ++i)
            if (std::string why = mismatch(records, names, i); !why.empty()) return {std::nullopt, why};
        std::vector<std::size_t> byShard;
        if (std::string why = placeShares(records, names, byShard); !why.empty()) return {std::nullopt, why};
        const LoadPlan whole = wholeLoad(records);
        for (std::size_t i = 0; i < records.size(); ++i)
            if (!sameLoad(records[i].result.load, shareLoad(whole, records[i].result.shard)))
                return {std::nullopt, nameOf(names, i) + "'s load is not its part of the same plan as the others' "
                                                        "(the count, rate, stages or duration differ)"};
        std::vector<const RunRecord*> shares;
        for (std::size_t i : byShard) shares.push_back(&records[i]);

        RunRecord merged;
        merged.result = mergeResults(shares, whole);
        merged.spec = shares.front()->spec;
        merged.startedAt = shares.front()->startedAt;
        merged.plannedStart = shares.front()->plannedStart;
        merged.host = hostsText(shares);
        merged.salvoVersion = salvoVersion();
        merged.secretsKept = shares.front()->secretsKept;
        for (const RunRecord* share : shares) {
            merged.startedAt = std::min(merged.startedAt, share->startedAt);  // same shape: text order is time order
            merged.mergedFrom.push_back({share->result.shard.index, share->host, share->startedAt});
        }
        return {std::move(merged), {}};
    } catch (const std::exception& e) {  // std::bad_alloc on a huge set: said, never thrown
        return {std::nullopt, std::string("the records could not be merged: ") + e.what()};
    }
}

}  // namespace salvo
