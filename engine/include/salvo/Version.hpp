#pragma once

namespace salvo {

// The one version string (CMake's project VERSION), for --version, the window and run records.
const char* salvoVersion();

}  // namespace salvo
