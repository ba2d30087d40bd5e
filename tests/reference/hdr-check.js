// Reads what Salvo wrote with HdrHistogram's own JavaScript implementation (hdr-histogram-js)
// and prints what that implementation sees, as JSON, for HdrReferenceTest to compare.
//   node hdr-check.js histograms CASES.json   -> [{count, min, max, percentiles, buckets}]
//   node hdr-check.js log FILE.hlog           -> [{tag, startMs, endMs, count, max}]
//   node hdr-check.js encode VALUES.json      -> [base64]: each list of values encoded by it
"use strict";
const fs = require("fs");
const hdr = require("hdr-histogram-js");

const PERCENTILES = [50, 90, 99, 99.9, 99.99, 100];

function describe(h) {
  const buckets = [];
  for (let i = 0; i < h.countsArrayLength; i++) {
    const n = h.getCountAtIndex(i);
    if (n > 0) buckets.push([h.valueFromIndex(i), n]);
  }
  return {
    count: h.totalCount,
    min: h.totalCount === 0 ? 0 : h.minNonZeroValue,
    max: h.maxValue,
    percentiles: PERCENTILES.map((p) => h.getValueAtPercentile(p)),
    buckets,
  };
}

function histograms(file) {
  const cases = JSON.parse(fs.readFileSync(file, "utf8"));
  // 64-bit buckets (Float64: exact to 2^53), so counts above 2^32 survive.
  return cases.map((base64) => describe(hdr.decodeFromCompressedBase64(base64, 64)));
}

function log(file) {
  const reader = new hdr.HistogramLogReader(fs.readFileSync(file, "utf8"), 64);
  const intervals = [];
  for (let h = reader.nextIntervalHistogram(); h !== null; h = reader.nextIntervalHistogram())
    intervals.push({ tag: h.tag, startMs: h.startTimeStampMsec, endMs: h.endTimeStampMsec,
                     count: h.totalCount, max: h.maxValue });
  return intervals;
}

// The other way: HdrHistogram's encoder, with Salvo's layout (1 ns to 1 h, 3 digits).
function encode(file) {
  return JSON.parse(fs.readFileSync(file, "utf8")).map((values) => {
    const h = hdr.build({ bitBucketSize: 64, lowestDiscernibleValue: 1,
                          highestTrackableValue: 3600000000000, numberOfSignificantValueDigits: 3 });
    values.forEach((v) => h.recordValue(v));
    return hdr.encodeIntoCompressedBase64(h);
  });
}

const [mode, file] = process.argv.slice(2);
const modes = { log, encode, histograms };
process.stdout.write(JSON.stringify((modes[mode] || histograms)(file)) + "\n");
