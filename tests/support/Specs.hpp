#pragma once

#include <gtest/gtest.h>

#include "salvo/RunSpec.hpp"

namespace salvo::test {

// A validated spec from text, as a person would type it; fails the test if it is invalid.
inline RunSpec specFor(const std::string& url, std::uint64_t count, std::uint32_t connections,
                       std::uint32_t threads = 1, const std::string& timeout = "30",
                       const std::string& caFile = "") {
    RunInput in;
    in.url = url;
    in.caFile = caFile;
    in.count = std::to_string(count);
    in.connections = std::to_string(connections);
    in.threads = std::to_string(threads);
    in.timeoutSeconds = timeout;
    const Validation v = validate(in);
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.errors.front().message);
    return v.spec;
}

}  // namespace salvo::test
