// The pool of OpenSSL's record buffers (engine/src/TlsBufferPool.hpp): installed as OpenSSL's
// allocator before it allocates, a freed record buffer is the next one taken, other sizes go
// straight to malloc, a thread keeps only a few spares, and frees them when it ends.
#include <gtest/gtest.h>

#include <cstring>
#include <malloc.h>
#include <openssl/crypto.h>
#include <thread>
#include <vector>

#include "TlsBufferPool.hpp"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
// From <sanitizer/allocator_interface.h>, which GCC does not ship; both runtimes define it.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

using namespace salvo::tlsbuffers;

namespace {

constexpr std::size_t kReadBuffer = 16712;   // OpenSSL 3.0's, as it asks for them
constexpr std::size_t kWriteBuffer = 16584;

// Bytes the program's heap has handed out and not taken back: glibc's, or a sanitizer's own heap.
std::size_t heapInUse() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return __sanitizer_get_current_allocated_bytes();
#else
    return mallinfo2().uordblks;
#endif
}

// Gives back every spare this thread holds, so each test starts from none.
void emptySpares() {
    std::vector<void*> blocks;
    while (spares()) blocks.push_back(take(kBlock));
    for (void* b : blocks) std::free(b);
}

}  // namespace

TEST(TlsBufferPool, isOpenSslsAllocatorFromTheStart) {
    emptySpares();
    ASSERT_TRUE(salvo::installTlsBufferPool());  // nothing in this test program used OpenSSL before
    void* buffer = OPENSSL_malloc(kReadBuffer);
    ASSERT_NE(buffer, nullptr);
    std::memset(buffer, 0xab, kReadBuffer);
    OPENSSL_free(buffer);
    EXPECT_EQ(spares(), 1u);
    void* again = OPENSSL_malloc(kWriteBuffer);
    EXPECT_EQ(again, buffer);
    EXPECT_EQ(spares(), 0u);
    OPENSSL_free(again);
    emptySpares();
}

TEST(TlsBufferPool, aFreedRecordBufferIsTheNextOneTakenAndHoldsAnyRecordSize) {
    emptySpares();
    void* first = take(kWriteBuffer);
    give(first);
    void* second = take(kBlock);  // the largest size kept, in a block given back for a smaller one
    EXPECT_EQ(second, first);
    std::memset(second, 0x5a, kBlock);  // ASan: the whole block is ours to use
    EXPECT_GE(malloc_usable_size(second), kBlock);
    give(second);
    emptySpares();
}

TEST(TlsBufferPool, otherSizesAreNotKept) {
    emptySpares();
    give(take(100));
    give(take(kSmallest - 1));
    give(take(kBlock + 64));  // another chunk size to malloc
    give(take(64 * 1024));
    give(std::malloc(kReadBuffer));  // malloc'd at its own size: smaller than a spare must be
    give(nullptr);
    EXPECT_EQ(spares(), 0u);
}

TEST(TlsBufferPool, aBlockFreedTwiceAborts) {
    emptySpares();
    EXPECT_DEATH(
        {
            void* block = take(kReadBuffer);
            give(block);
            give(block);
        },
        "");
    emptySpares();
}

TEST(TlsBufferPool, aThreadKeepsAtMostItsSpares) {
    emptySpares();
    std::vector<void*> blocks;
    for (int i = 0; i < 20; ++i) blocks.push_back(take(kReadBuffer));
    for (void* b : blocks) give(b);
    EXPECT_EQ(spares(), kSpares);
    std::size_t otherThreads = 99;
    std::thread([&] { otherThreads = spares(); }).join();
    EXPECT_EQ(otherThreads, 0u);  // spares are per thread
    emptySpares();
}

TEST(TlsBufferPool, aThreadFreesItsSparesWhenItEnds) {
    emptySpares();
    const std::size_t before = heapInUse();
    std::thread([] {
        std::vector<void*> blocks;
        for (std::size_t i = 0; i < kSpares; ++i) blocks.push_back(take(kReadBuffer));
        for (void* b : blocks) give(b);
        EXPECT_EQ(spares(), kSpares);
    }).join();
    // Kept after the thread, its spares would still count as in use: kSpares blocks of kBlock.
    EXPECT_LT(heapInUse(), before + kBlock);
}
