#include "salvo/Target.hpp"

namespace salvo {

std::string Target::url() const {
    return std::string(isTls() ? "https://" : "http://") + hostHeader + requestTarget;
}

}  // namespace salvo
