/*
 * The stress test's shared interface: plain C types only, because it is
 * included both by the Windows-side translation units (our headers) and by
 * the raw Linux peer (Linux socket headers), which cannot meet in one unit.
 */
#ifndef WS2_STRESS_H
#define WS2_STRESS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Every byte stream sent to the raw peer starts with this header; the
 * payload after it is the pseudo-random pattern of (seed, cycle, id), so the
 * peer checks every byte, not only the count.
 */
#define STRESS_MAGIC 0x54325357u
struct stress_hdr {
    uint32_t magic;
    uint32_t cycle;
    uint32_t id;
    uint32_t length; /* payload bytes after the header */
};

/* Streams per cycle the peer can keep results for. */
#define STRESS_MAX_STREAMS 65536

static inline uint64_t stress_mix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

static inline uint64_t stress_key(uint64_t seed, uint32_t cycle, uint32_t id)
{
    return stress_mix(seed ^ stress_mix(((uint64_t)cycle << 32) | id));
}

/* Byte i of the pattern of key. */
static inline uint8_t stress_byte(uint64_t key, uint64_t i)
{
    return (uint8_t)(stress_mix(key + (i >> 3) * 0xD1B54A32D192ED03ull) >> ((i & 7) * 8));
}

/* How a stream ended at the peer. */
enum { STRESS_END_OPEN = 0, STRESS_END_FIN, STRESS_END_RST, STRESS_END_ERROR };

struct stress_peer_result {
    int seen;     /* a header of this cycle and id arrived */
    int end;      /* STRESS_END_* */
    int bad;      /* a byte differed from the pattern, or more bytes than the header said */
    uint64_t got; /* payload bytes received (all verified unless bad) */
    uint32_t length;
};

/* Starts the raw Linux peer (a listener on 127.0.0.1 and its thread). */
int stress_peer_start(uint64_t seed, unsigned short *port);
/* Forgets the previous cycle's results; headers of another cycle count as stale. */
void stress_peer_cycle(uint32_t cycle);
/*
 * Waits up to timeout_ms until the peer has accepted at least `connected`
 * connections in all and none is still open; 0 when settled, -1 otherwise.
 */
int stress_peer_settle(uint64_t connected, int timeout_ms);
/* The result for stream id of the current cycle. */
void stress_peer_result(uint32_t id, struct stress_peer_result *r);
/* Totals: connections accepted, headers of an old cycle, headers cut short. */
void stress_peer_totals(uint64_t *accepted, uint64_t *stale, uint64_t *headerless);
void stress_peer_stop(void);

/* Heap bytes in use (the sanitizer allocator's figure under a sanitizer, else mallinfo2). */
size_t stress_mem_in_use(void);
/* Prints this process's open descriptors and what they are (standard error). */
void stress_list_fds(void);
/* Resident set size in bytes (/proc/self/statm). */
size_t stress_mem_rss(void);

#endif
