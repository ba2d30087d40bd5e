#include "FieldHelp.hpp"

#include <QCoreApplication>

namespace salvo::ui {
namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("FieldHelp", text);
}

}  // namespace

QString fieldHelp(Field field) {
    switch (field) {
        case Field::url: return tr("The address to load-test: http:// or https://, host, port and path");
        case Field::count: return tr("How many requests to send in all; empty means 200, or none with a duration");
        case Field::duration: return tr("How long to send requests: 500ms, 30s, 5m or 1h");
        case Field::rate:
            return tr("Total requests per second over all connections, on one schedule whatever the "
                      "server does; empty: as fast as responses come");
        case Field::connections:
            return tr("Keep-alive connections used at once; with a rate, those opened at the start");
        case Field::timeout: return tr("Seconds a request may take before it counts as a timeout");
        case Field::threads: return tr("Engine threads, each with its own share of the connections");
        case Field::method: return tr("The HTTP method: pick one or type another (a token, e.g. PURGE)");
        case Field::headers:
            return tr("Request headers, a name and a value a row; values are never saved in the settings");
        case Field::body: return tr("The request body, sent as typed; never saved in the settings");
        case Field::caFile:
            return tr("A PEM file of extra certificate authorities to trust, besides the system's");
        case Field::maxHeaderSize:
            return tr("The largest response head accepted, in bytes or with k or m; larger is an error");
        case Field::stages: return tr("Ramp stages: each moves the rate linearly to its target over its duration");
        case Field::startRate: return tr("The rate, in requests per second, that the first stage ramps from");
        case Field::maxConnections:
            return tr("With a rate: the most connections the pool may grow to when answers are slow");
        case Field::warmup: return tr("Time at the start left out of the figures, e.g. 5s");
        case Field::grace: return tr("How long requests still in flight at the end may finish, default 5s");
        case Field::arrival: return tr("How requests are spaced: evenly, or random (poisson) gaps with a seed");
        case Field::seed: return tr("The random seed of poisson arrivals: the same seed gives the same run");
        case Field::bodyFile:
            return tr("A file sent as the request body, read once when the run starts; a relative "
                      "name is read from the plan's folder. A body or a body file, not both");
        case Field::contentType:
            return tr("Sent as the Content-Type header: pick a common type or type any; empty sends none");
        case Field::basicAuth:
            return tr("A user and password sent as Authorization: Basic; never saved in the settings "
                      "or in run records. ${NAME} reads one from the environment");
        case Field::connectTo:
            return tr("Connect to ADDRESS:PORT instead of HOST:PORT, while Host and the TLS name "
                      "stay the URL's (curl's --connect-to); several separated by commas");
        case Field::clientCert:
            return tr("A PEM client certificate for servers that ask for one (mutual TLS, https:// only)");
        case Field::clientKey:
            return tr("The client certificate's private key (PEM); empty when the certificate file holds it");
        case Field::expectStatus:
            return tr("The statuses that pass: codes or ranges such as 200, 201, 2xx or 200-299; "
                      "any other fails its request");
        case Field::expectBody:
            return tr("Text every response body must hold, as typed; one that does not fails its "
                      "request");
        case Field::expectBodyRegex:
            return tr("A regular expression every response body (its first 256 KiB) must match; "
                      "one that does not fails its request");
        case Field::redirects:
            return tr("Follow up to this many redirects (same host only), a whole number up to 50; "
                      "empty or 0: a 3xx is a response like any other");
        case Field::thresholds:
            return tr("Pass/fail gates, one a row, judged live and at the end: p(99)<250ms, "
                      "error_rate<1%, rps>=900; Abort ends the run when one fails (not before After)");
        case Field::httpVersion:
            return tr("The protocol: HTTP/1.1; HTTP/2 over TLS agreed by ALPN, with no fallback; "
                      "HTTP/2 or HTTP/1.1, whichever the server offers (auto); or HTTP/2 over "
                      "plain TCP with prior knowledge (h2c, http:// only)");
        case Field::streams:
            return tr("HTTP/2: requests in flight at once on each connection, 1 to 1000; empty: 1. "
                      "Connections times streams is how many are in flight in all");
        case Field::requests:
            return tr("The plan's named requests ([[requests]]), sent in turn by weight; the form's "
                      "request fields are their defaults. Edit the plan file to change the list");
    }
    return {};
}

}  // namespace salvo::ui
