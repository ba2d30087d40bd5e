#include "TlsBufferPool.hpp"

#include <algorithm>
#include <cstdlib>
#include <malloc.h>
#include <openssl/crypto.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define SALVO_POISON(block) ASAN_POISON_MEMORY_REGION(block, kBlock)
#define SALVO_UNPOISON(block) ASAN_UNPOISON_MEMORY_REGION(block, kBlock)
#else
#define SALVO_POISON(block)
#define SALVO_UNPOISON(block)
#endif

namespace salvo::tlsbuffers {
namespace {

// Trivially destructible, so a free after the thread's destructors ran (OpenSSL's own clean-up
// at exit) still finds it, closed. A spare is poisoned under ASan: a use after OpenSSL freed it is
// reported as it would be without the pool.
struct Spares {
    void* blocks[kSpares];
    std::size_t count;
    bool closed;
};
thread_local Spares spares_;

// Frees the thread's spares when it ends; from then on every block goes straight to free. Made
// when the thread first takes or gives a block of the pool's size, so before its destructors run.
struct Drain {
    bool armed = false;
    ~Drain() {
        while (spares_.count) std::free(spares_.blocks[--spares_.count]);
        spares_.closed = true;
    }
};
thread_local Drain drain_;

// What malloc_usable_size says of a block of kBlock bytes: a freed block of that size is one of
// ours, or one as good (any malloc'd block that large serves any request the pool serves).
std::size_t blockUsable() {
    static const std::size_t usable = [] {
        void* probe = std::malloc(kBlock);
        const std::size_t n = malloc_usable_size(probe);
        std::free(probe);
        return n;
    }();
    return usable;
}

void* opensslMalloc(std::size_t size, const char*, int) { return take(size); }
void* opensslRealloc(void* block, std::size_t size, const char*, int) { return std::realloc(block, size); }
void opensslFree(void* block, const char*, int) { give(block); }

}  // namespace

void* take(std::size_t size) {
    if (size < kSmallest || size > kBlock) return std::malloc(size);
    drain_.armed = true;  // constructs this thread's Drain, so its spares are freed when it ends
    if (!spares_.count) return std::malloc(kBlock);
    void* block = spares_.blocks[--spares_.count];
    SALVO_UNPOISON(block);
    return block;
}

void give(void* block) {
    if (!block) return;
    if (spares_.closed || spares_.count == kSpares || malloc_usable_size(block) != blockUsable()) return std::free(block);
    // Freed twice, a spare would be handed out twice: abort, as glibc does on a double free.
    if (std::find(spares_.blocks, spares_.blocks + spares_.count, block) != spares_.blocks + spares_.count) std::abort();
    drain_.armed = true;
    SALVO_POISON(block);
    spares_.blocks[spares_.count++] = block;
}

std::size_t spares() { return spares_.count; }

}  // namespace salvo::tlsbuffers

namespace salvo {

bool installTlsBufferPool() {
    // blockUsable() first: what give() compares every freed block with.
    static const bool installed = tlsbuffers::blockUsable() &&
                                  CRYPTO_set_mem_functions(tlsbuffers::opensslMalloc, tlsbuffers::opensslRealloc,
                                                           tlsbuffers::opensslFree) == 1;
    return installed;
}

}  // namespace salvo
