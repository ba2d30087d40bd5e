#pragma once

#include <vector>

#include "salvo/RunSpec.hpp"

namespace salvo {

// What one request sends and expects (part of validate()): method, headers, body or body file,
// Content-Type, basic auth (which the headers must not contradict) and the response checks.
// Also checks each of several named requests, on an input that holds that request's fields.
void checkRequestContent(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors, bool readBody = true);
// The options of the run's connections: keep-alive, --connect-to, the client certificate and
// redirects. After checkRequestContent.
void checkRequestOptions(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors);
// Several named requests (RunInput::requests): each on the run's scheme, host and port, with a
// unique name and a weight; their fields checked as the one request's are, messages naming
// the request (Field::requests). After both of the above. `unset`: the requests that name an
// unset variable (already reported), checked no further than their names and weights.
void checkNamedRequests(const RunInput& in, RunSpec& spec, std::vector<FieldError>& errors,
                        const std::vector<std::size_t>& unset, bool readBodies = true);
// Hosts compare as IP addresses by value ([::1] is [0:0::1]), names without case.
bool sameHost(const std::string& a, const std::string& b);

}  // namespace salvo
