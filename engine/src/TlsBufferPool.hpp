#pragma once

#include <cstddef>

namespace salvo {

// OpenSSL's record buffers (16.5 KB each, one for reading and one for writing) go through a
// small pool of spares per thread, where glibc would take them apart and put them together again
// (above its per-thread cache's 1 KB, every free merges the chunk with its neighbours and every
// malloc searches its bins: ~1,250 instructions a TLS request when connections give their buffers
// back after each record, as TlsStream has them do with many connections). A spare taken again is
// also still in cache. Every other allocation goes straight to malloc.
//
// Makes the pool OpenSSL's allocator, if OpenSSL has allocated nothing yet (after that it refuses
// the change, and everything goes to malloc as before): whether the pool is OpenSSL's allocator.
// TlsStream.cpp calls it before main.
bool installTlsBufferPool();

namespace tlsbuffers {

// The sizes kept: OpenSSL 3's record buffers (16,584 and 16,712 bytes in 3.0; 17,740 at most, with
// room for compression). Every spare is a block of the largest, so any one serves any request.
inline constexpr std::size_t kSmallest = 16 * 1024;
inline constexpr std::size_t kBlock = 18 * 1024;
// Spares a thread keeps: a connection gives its buffers back before the next one takes them, so
// a few suffice; more would only hold memory.
inline constexpr std::size_t kSpares = 8;

// OpenSSL's malloc and free, as installed (exposed for the tests).
void* take(std::size_t size);
void give(void* block);
// The spares this thread holds now.
std::size_t spares();

}  // namespace tlsbuffers
}  // namespace salvo
