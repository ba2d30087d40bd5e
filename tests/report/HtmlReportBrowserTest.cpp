// The HTML report of real runs, drawn by a real browser: headless Chromium loads the page from a
// file, and the test reads what it logged (no console messages: no script errors, nothing the
// page's content policy had to block), the DOM it built (the charts' SVG and their lines) and a
// screenshot (the series colours are on screen, so the page is not blank). The pages and
// screenshots stay in the build folder for a person to look at.
#include <gtest/gtest.h>

#include <QColor>
#include <QImage>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "Subprocess.hpp"
#include "salvo/HtmlReport.hpp"
#include "salvo/LocalTarget.hpp"
#include "salvo/Runner.hpp"

using namespace salvo;
namespace fs = std::filesystem;

namespace {

const std::string kShots = SALVO_REPORT_SHOTS;
// The light theme's first two series colours (HtmlStyle.hpp): Okabe-Ito blue and vermillion.
const QColor kBlue(0x00, 0x72, 0xb2);
const QColor kVermillion(0xd5, 0x5e, 0x00);
// The dark theme's page background and first series colour.
const QColor kDarkBackground(0x0d, 0x11, 0x17);
const QColor kDarkBlue(0x3d, 0x9b, 0xe9);
const std::string kDark = "--blink-settings=preferredColorScheme=0";  // 0: dark, as the OS would ask

std::string findChromium() {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin");
    for (std::string dir; std::getline(dirs, dir, ':');)
        for (const char* name : {"chromium", "chromium-browser"})
            if (!dir.empty() && access((dir + "/" + name).c_str(), X_OK) == 0) return dir + "/" + name;
    return "";
}

struct Rendered {
    std::string dom;     // --dump-dom: the document as the browser built it
    std::string log;     // both runs' stderr
    std::string shot;    // the screenshot's path
    QImage image;
};

// Runs Chromium on `url` with `mode` (--screenshot=... or --dump-dom), bounded by timeout(1),
// which ends Chromium's whole process group if it hangs. Returns stdout; adds stderr to log.
std::string runChromium(const std::string& chromium, const std::string& mode, const std::string& url,
                        std::string& log, const std::string& theme) {
    test::Subprocess browser({"/usr/bin/timeout", "--kill-after=5", "60", chromium, "--headless", "--no-sandbox",
                              "--disable-gpu", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000",
                              "--user-data-dir=" + kShots + "/profile", "--hide-scrollbars",
                              "--force-color-profile=srgb", "--force-device-scale-factor=1", "--no-first-run",
                              "--window-size=1280,2400", theme, mode, url});
    const int rc = browser.wait(std::chrono::seconds(75));
    EXPECT_EQ(rc, 0) << chromium << ' ' << mode << " failed:\n" << browser.err();
    log += browser.err();
    return browser.out();
}

// `theme` is one more Chromium flag: kDark, or "--blink-settings=preferredColorScheme=1" (light).
Rendered render(const std::string& name, const std::string& page, const std::string& chromium,
                const std::string& theme = "--blink-settings=preferredColorScheme=1") {
    fs::create_directories(kShots);
    const std::string html = kShots + "/" + name + ".html";
    std::ofstream(html, std::ios::binary) << page;
    Rendered r;
    r.shot = kShots + "/" + name + ".png";
    fs::remove(r.shot);
    runChromium(chromium, "--screenshot=" + r.shot, "file://" + html, r.log, theme);
    r.dom = runChromium(chromium, "--dump-dom", "file://" + html, r.log, theme);
    r.image.load(QString::fromStdString(r.shot));
    std::cout << "page: " << html << "\nscreenshot: " << r.shot << std::endl;
    return r;
}

// Console messages, as Chromium logs them with --enable-logging=stderr: ":CONSOLE:12]" (older
// versions: "CONSOLE(12)"). Script errors and content-policy violations both come this way.
std::vector<std::string> consoleLines(const std::string& log) {
    static const std::regex console(R"(CONSOLE[(:])");
    std::vector<std::string> lines;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);)
        if (std::regex_search(line, console)) lines.push_back(line);
    return lines;
}

// Pixels within a small distance of `colour`: anti-aliased line edges blend with the page, so
// only a line's core counts, which is what a person sees as the series colour.
std::size_t pixelsNear(const QImage& image, const QColor& colour, int tolerance = 20) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    std::size_t n = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            if (std::abs(qRed(line[x]) - colour.red()) <= tolerance &&
                std::abs(qGreen(line[x]) - colour.green()) <= tolerance &&
                std::abs(qBlue(line[x]) - colour.blue()) <= tolerance)
                ++n;
    }
    return n;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

// An open-model run against the built-in server: 300 requests at 100/s (three seconds, so the
// charts over time have lines, not dots), optionally with a slower route.
RunRecord realRun(const LocalTarget& target, const std::string& path, const std::string& label) {
    RunInput in;
    in.url = target.url(path);
    in.count = "300";
    in.rate = "100";
    in.connections = "4";
    const Validation v = validate(in);
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.errors.front().message);
    const auto started = std::chrono::system_clock::now();
    RunRecord record = makeRecord(v.spec, runBlocking(v.spec), started, false);
    record.label = label;
    EXPECT_EQ(record.result.total.succeeded, 300u);
    return record;
}

class HtmlReportBrowser : public ::testing::Test {
protected:
    void SetUp() override {
        chromium_ = findChromium();
        ASSERT_FALSE(chromium_.empty()) << "Chromium is not installed, and this test needs a real browser. "
                                           "Install it: apt-get install --no-install-recommends chromium "
                                           "(scripts/deps.sh lists it in SALVO_TEST_PACKAGES).";
    }
    std::string chromium_;
};

}  // namespace

// The console check below can only fail if Chromium's console messages reach the log: this page
// logs an error on purpose, and the test insists on seeing it.
TEST_F(HtmlReportBrowser, consoleErrorsOfAPageAreSeenInTheLog) {
    const Rendered r = render("canary", "<!doctype html><title>canary</title><script>console.error('salvo-canary')"
                                        "</script>", chromium_);
    const auto lines = consoleLines(r.log);
    ASSERT_EQ(lines.size(), 2u) << "once for the screenshot, once for the DOM:\n" << r.log;
    for (const auto& line : lines) EXPECT_NE(line.find("salvo-canary"), std::string::npos) << line;
}

TEST_F(HtmlReportBrowser, oneRealRunDrawsItsChartsWithoutConsoleErrors) {
    LocalTarget target;
    const RunRecord run = realRun(target, "/", "");
    std::ostringstream page;
    writeHtmlReport({&run}, page);
    const Rendered r = render("one-run", page.str(), chromium_);

    EXPECT_TRUE(consoleLines(r.log).empty()) << r.log;
    EXPECT_EQ(count(r.dom, "<svg "), 3u);
    EXPECT_GE(count(r.dom, "<path class=\"line s0"), 3u) << "completed, p50 and the spectrum";
    EXPECT_GE(count(r.dom, "<path class=\"line s1"), 2u) << "failed and p99";
    EXPECT_NE(r.dom.find(">Latency by percentile<"), std::string::npos);
    ASSERT_FALSE(r.image.isNull()) << "no screenshot at " << r.shot;
    EXPECT_EQ(r.image.width(), 1280);
    EXPECT_GE(pixelsNear(r.image, kBlue), 1500u) << r.shot;
    EXPECT_GE(pixelsNear(r.image, kVermillion), 500u) << r.shot;
}

TEST_F(HtmlReportBrowser, comparisonOfTwoRealRunsDrawsOverlaidChartsAndMarksTheRegression) {
    LocalTarget target;
    const RunRecord fast = realRun(target, "/", "fast");
    // A label that would be markup if it were not escaped; the page's content policy would log it.
    const RunRecord slow = realRun(target, "/delay/5", "slow </script><img src=x onerror=alert(1)>");
    std::ostringstream page;
    writeHtmlReport({&fast, &slow}, page);
    const Rendered r = render("comparison", page.str(), chromium_);

    EXPECT_TRUE(consoleLines(r.log).empty()) << r.log;
    EXPECT_EQ(count(r.dom, "<img"), 0u);
    EXPECT_EQ(count(r.dom, "<svg "), 2u + 2u * 3u);
    EXPECT_NE(r.dom.find("\xE2\x96\xB2 worse"), std::string::npos) << "the slow run's latency is a regression";
    const auto overlaid = r.dom.substr(0, r.dom.find("<section class=\"run\""));
    EXPECT_GE(count(overlaid, "<path class=\"line s0"), 2u);  // the first run in both overlaid charts
    EXPECT_GE(count(overlaid, "<path class=\"line s1"), 2u);  // the second
    ASSERT_FALSE(r.image.isNull()) << "no screenshot at " << r.shot;
    EXPECT_GE(pixelsNear(r.image, kBlue), 1500u) << r.shot;
    EXPECT_GE(pixelsNear(r.image, kVermillion), 1500u) << r.shot;
}

TEST_F(HtmlReportBrowser, darkThemeFollowsTheReadersPreference) {
    LocalTarget target;
    const RunRecord run = realRun(target, "/", "dark");
    std::ostringstream page;
    writeHtmlReport({&run}, page);
    const Rendered r = render("one-run-dark", page.str(), chromium_, kDark);

    EXPECT_TRUE(consoleLines(r.log).empty()) << r.log;
    ASSERT_FALSE(r.image.isNull()) << "no screenshot at " << r.shot;
    EXPECT_EQ(r.image.pixelColor(5, 5).rgb(), kDarkBackground.rgb()) << r.shot;
    EXPECT_GE(pixelsNear(r.image, kDarkBlue), 1500u) << r.shot;
    EXPECT_LT(pixelsNear(r.image, kBlue, 8), 100u) << "the light theme's blue is not used: " << r.shot;
}
