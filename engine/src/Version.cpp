#include "salvo/Version.hpp"

namespace salvo {

const char* salvoVersion() { return SALVO_VERSION; }  // from CMake's project(VERSION)

}  // namespace salvo
