/*
 * BM-19 RTP generator: one connected UDP socket per call on 127.0.0.1, one 20 ms PCMU packet per
 * call every 20 ms with the calls' send times spread over the period, and a check of every packet
 * that comes back (the gateway plays the echo app's answer of our own audio back to the caller).
 *
 * Each payload carries a 12-byte marker (call index and sequence number, one nibble per byte as
 * 0x60|nibble: quiet codes that survive G.711 mu-law decode and encode unchanged) at byte 0 and again
 * at byte 80, so that a frame the gateway cuts at another sample offset (its jitter buffer plays by
 * timestamp) still shows one whole marker; the rest is a 400 Hz tone, loud for 1.6 s and quiet for 0.4 s of every 2 s, as speech has pauses (the gateway's jitter
 * buffer only drops quiet frames when it shrinks its delay). A returned packet is "ok" when its marker
 * names this call and a sequence number we sent and every byte of the frame equals the sent stream at
 * that offset; its round trip is now minus that packet's send time.
 *
 * Usage: bm19_rtpgen -n CALLS -f SIPP_LOG
 *   Prints "PORTS p0 p1 ..." (the local RTP port of each call) and then follows SIPP_LOG, where the
 *   SIPp scenario logs "CALL <index> <gateway rtp port>" once a call is answered; the call starts
 *   sending at once. Commands on stdin, one per line:
 *     mark     start a measurement window (counters and round-trip histogram reset)
 *     report   print one JSON line about the window: packets sent, returned ok, lost (loud packets
 *              sent in the window up to 2 s before the report and never returned; loss_pct is their
 *              share of all judged packets), quiet_dropped (quiet ones never returned: the jitter
 *              buffer drops pause frames on purpose to shrink its delay), corrupt (marker intact,
 *              frame not), foreign (an unsent sequence number), misaligned (audio without a whole
 *              marker of this call), shifted (ok packets the gateway cut at another sample offset),
 *              silent, round trip
 *              percentiles, calls that returned nothing
 *     quit     exit
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "command_lines.h"

#define PAYLOAD 160
#define PACKET (12 + PAYLOAD)
#define MARKER 12
#define SECOND_MARKER 80        /* offset of the marker's copy */
#define RING 1024                 /* sequence numbers remembered per call: 20 s of packets */
#define PERIOD_US 20000
#define GRACE_US 2000000          /* a packet younger than this at report time is not judged yet */
#define HIST_STEP_US 100
#define HIST_BUCKETS 200000       /* 0 .. 20 s in 0.1 ms steps; longer round trips land in the last */

struct call {
    int fd;
    int port;
    int active;
    uint32_t seq;                 /* next sequence number to send */
    uint32_t ssrc;
    int64_t sent_at[RING];        /* send time (us) of sequence number s at s % RING, 0 = none */
    uint32_t sent_seq[RING];
    uint8_t judged[RING];         /* returned ok, or counted lost */
    uint64_t returned;            /* ok packets in the window */
};

static struct call *calls;
static int ncalls;
static uint8_t tone[20], quiet[20];

/* The tone of packet seq: loud for 80 packets, quiet for 20. */
static const uint8_t *tone_of(uint32_t seq) { return seq % 100 < 80 ? tone : quiet; }
static uint32_t *hist;
static int64_t window_start;
static uint64_t w_sent, w_ok, w_lost, w_lost_quiet, w_corrupt, w_foreign, w_misaligned, w_shifted, w_silent, w_late_dup;

static int64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* G.711 mu-law encoder (the standard segment search), for the tone table. */
static uint8_t ulaw(int sample) {
    int sign = 0, seg = 0;
    if (sample < 0) { sample = -sample; sign = 0x80; }
    if (sample > 32635) sample = 32635;
    sample += 0x84;
    while (seg < 7 && sample >= (0x100 << seg)) seg++;
    return (uint8_t)~(sign | (seg << 4) | ((sample >> (seg + 3)) & 0x0F));
}

static uint8_t marker_byte(uint32_t call, uint32_t seq, int i) {
    return 0x60 | (i < 4 ? (call >> (12 - 4 * i)) & 0xF : (seq >> (28 - 4 * (i - 4))) & 0xF);
}

/* Byte {@code offset} (0..159) of call {@code call}'s packet {@code seq}. */
static uint8_t payload_byte(uint32_t call, uint32_t seq, int offset) {
    if (offset < MARKER) return marker_byte(call, seq, offset);
    if (offset >= SECOND_MARKER && offset < SECOND_MARKER + MARKER) return marker_byte(call, seq, offset - SECOND_MARKER);
    return tone_of(seq)[offset % 20];
}

/* 1 and the marker's call and sequence number if all 12 bytes are marker bytes, else 0. */
static int get_marker(const uint8_t *p, uint32_t *call, uint32_t *seq) {
    uint32_t c = 0, s = 0;
    for (int i = 0; i < MARKER; i++) if ((p[i] & 0xF0) != 0x60) return 0;
    for (int i = 0; i < 4; i++) c = (c << 4) | (p[i] & 0xF);
    for (int i = 0; i < 8; i++) s = (s << 4) | (p[4 + i] & 0xF);
    *call = c; *seq = s;
    return 1;
}

/* 1 if the 160 bytes at p are call's sent stream from sample seq * 160 - start on. */
static int matches_stream(const uint8_t *p, uint32_t call, uint32_t seq, int start) {
    int64_t base = (int64_t)seq * PAYLOAD - start;
    if (base < 0) return 0;
    for (int j = 0; j < PAYLOAD; j++) {
        int64_t q = base + j;
        if (p[j] != payload_byte(call, (uint32_t)(q / PAYLOAD), (int)(q % PAYLOAD))) return 0;
    }
    return 1;
}

static void send_packet(int index, int64_t now) {
    struct call *c = &calls[index];
    uint8_t pkt[PACKET];
    uint32_t seq = c->seq++;
    pkt[0] = 0x80; pkt[1] = 0;                       /* V=2, PT 0 PCMU */
    pkt[2] = seq >> 8; pkt[3] = seq;
    uint32_t ts = seq * 160;
    pkt[4] = ts >> 24; pkt[5] = ts >> 16; pkt[6] = ts >> 8; pkt[7] = ts;
    pkt[8] = c->ssrc >> 24; pkt[9] = c->ssrc >> 16; pkt[10] = c->ssrc >> 8; pkt[11] = c->ssrc;
    for (int j = 0; j < PAYLOAD; j++) pkt[12 + j] = payload_byte(index, seq, j);
    int slot = seq % RING;
    /* a packet of the window leaving the ring unreturned is lost */
    if (c->sent_at[slot] >= window_start && c->sent_at[slot] != 0 && !c->judged[slot]) {
        if (tone_of(c->sent_seq[slot]) == quiet) w_lost_quiet++; else w_lost++;
    }
    c->sent_at[slot] = now;
    c->sent_seq[slot] = seq;
    c->judged[slot] = 0;
    if (send(c->fd, pkt, PACKET, MSG_DONTWAIT) == PACKET && now >= window_start) w_sent++;
}

static void receive_all(int index, int64_t now) {
    struct call *c = &calls[index];
    uint8_t buf[2048];
    for (;;) {
        ssize_t n = recv(c->fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n < 0) return;
        if (n < 12) { w_foreign++; continue; }
        int cc = buf[0] & 0x0F, ext = buf[0] & 0x10;
        size_t off = 12 + 4 * cc;
        if (ext) {
            if ((size_t)n < off + 4) { w_foreign++; continue; }
            off += 4 + 4 * (((size_t)buf[off + 2] << 8) | buf[off + 3]);
        }
        if ((size_t)n < off + PAYLOAD) { w_foreign++; continue; }
        const uint8_t *p = buf + off;
        int silent = 1;
        for (int j = 0; j < PAYLOAD && silent; j++) silent = p[j] == 0xFF || p[j] == 0x7F;
        if (silent) { w_silent++; continue; }
        /* the first whole marker of this call: the packet's own (start = o) or its copy (start = o - 80) */
        uint32_t call = 0, seq = 0;
        int o = 0, found = 0, start = 0;
        for (; o + MARKER <= PAYLOAD && !found; o++) {
            if (!get_marker(p + o, &call, &seq) || call != (uint32_t)index) continue;
            found = 1;
            start = matches_stream(p, call, seq, o) ? o : matches_stream(p, call, seq, o - SECOND_MARKER) ? o - SECOND_MARKER : -1000;
        }
        if (!found) { w_misaligned++; continue; }
        int slot = seq % RING;
        if (c->sent_seq[slot] != seq || c->sent_at[slot] == 0) { w_foreign++; continue; }
        if (start == -1000) { w_corrupt++; continue; }
        if (start != 0) w_shifted++;
        if (c->judged[slot]) { w_late_dup++; continue; }
        c->judged[slot] = 1;
        if (c->sent_at[slot] < window_start) continue;
        int64_t rtt = now - c->sent_at[slot];
        int64_t b = rtt / HIST_STEP_US;
        hist[b >= HIST_BUCKETS ? HIST_BUCKETS - 1 : b]++;
        w_ok++;
        c->returned++;
    }
}

static double percentile(uint64_t total, double pct) {
    if (total == 0) return -1;
    uint64_t rank = (uint64_t)ceil(total * pct / 100.0), seen = 0;
    for (int b = 0; b < HIST_BUCKETS; b++) {
        seen += hist[b];
        if (seen >= rank && rank > 0) return (b + 1) * HIST_STEP_US / 1000.0;
    }
    return HIST_BUCKETS * HIST_STEP_US / 1000.0;
}

static void mark(int64_t now) {
    window_start = now;
    w_sent = w_ok = w_lost = w_lost_quiet = w_corrupt = w_foreign = w_misaligned = w_shifted = w_silent = w_late_dup = 0;
    memset(hist, 0, sizeof(uint32_t) * HIST_BUCKETS);
    for (int i = 0; i < ncalls; i++) calls[i].returned = 0;
}

static void report(int64_t now) {
    /* unreturned packets of the window old enough to judge; younger ones are left out of "sent" */
    uint64_t lost = w_lost, lost_quiet = w_lost_quiet, young = 0;
    for (int i = 0; i < ncalls; i++) {
        struct call *c = &calls[i];
        for (int s = 0; s < RING; s++) {
            if (c->sent_at[s] < window_start || c->sent_at[s] == 0) continue;
            if (now - c->sent_at[s] < GRACE_US) { if (!c->judged[s]) young++; continue; }
            if (!c->judged[s]) { if (tone_of(c->sent_seq[s]) == quiet) lost_quiet++; else lost++; }
        }
    }
    int active = 0, silent_calls = 0;
    for (int i = 0; i < ncalls; i++) {
        if (!calls[i].active) continue;
        active++;
        if (calls[i].returned == 0) silent_calls++;
    }
    uint64_t judged_sent = w_sent - young;
    printf("{\"window_ms\":%.0f,\"active_calls\":%d,\"calls_without_return\":%d,\"sent\":%llu,\"judged\":%llu,"
           "\"ok\":%llu,\"lost\":%llu,\"quiet_dropped\":%llu,\"loss_pct\":%.4f,\"corrupt\":%llu,\"foreign\":%llu,\"misaligned\":%llu,\"shifted\":%llu,\"silent\":%llu,"
           "\"duplicate\":%llu,\"rtt_p50_ms\":%.1f,\"rtt_p99_ms\":%.1f,\"rtt_p999_ms\":%.1f,\"rtt_max_ms\":%.1f}\n",
           (now - window_start) / 1000.0, active, silent_calls, (unsigned long long)w_sent,
           (unsigned long long)judged_sent, (unsigned long long)w_ok, (unsigned long long)lost,
           (unsigned long long)lost_quiet, judged_sent ? 100.0 * lost / judged_sent : 0.0, (unsigned long long)w_corrupt,
           (unsigned long long)w_foreign, (unsigned long long)w_misaligned, (unsigned long long)w_shifted, (unsigned long long)w_silent, (unsigned long long)w_late_dup,
           percentile(w_ok, 50), percentile(w_ok, 99), percentile(w_ok, 99.9), percentile(w_ok, 100));
    fflush(stdout);
}

/* Reads new "CALL <index> <port>" lines from the SIPp log and starts those calls. */
static void follow_log(int fd) {
    static char line[4096];
    static size_t len;
    char buf[65536];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] != '\n') { if (len < sizeof line - 1) line[len++] = buf[i]; continue; }
            line[len] = 0;
            len = 0;
            int index, port;
            char *at = strstr(line, "CALL ");
            if (!at || sscanf(at, "CALL %d %d", &index, &port) != 2 || index < 0 || index >= ncalls) continue;
            struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
            if (connect(calls[index].fd, (struct sockaddr *)&to, sizeof to) == 0) calls[index].active = 1;
        }
    }
}

static int command(const char *line, void *context) {
    int64_t now = *(const int64_t *)context;
    if (!strcmp(line, "mark")) mark(now);
    else if (!strcmp(line, "report")) report(now);
    return 1;
}

int main(int argc, char **argv) {
    const char *log = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "-n")) ncalls = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "-f")) log = argv[i + 1];
    }
    if (ncalls < 1 || ncalls > 65535 || !log) {
        fprintf(stderr, "usage: bm19_rtpgen -n CALLS -f SIPP_LOG\n");
        return 2;
    }
    for (int k = 0; k < 20; k++) {
        uint8_t code = ulaw((int)lround(8000 * sin(2 * M_PI * k / 20.0)));
        tone[k] = code == 0x7F || code == 0xFF ? 0xFE : code;
        code = ulaw((int)lround(300 * sin(2 * M_PI * k / 20.0)));
        quiet[k] = code == 0x7F || code == 0xFF ? 0xFE : code;
    }
    calls = calloc(ncalls, sizeof *calls);
    hist = calloc(HIST_BUCKETS, sizeof *hist);
    int ep = epoll_create1(0);
    printf("PORTS");
    for (int i = 0; i < ncalls; i++) {
        struct call *c = &calls[i];
        c->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
        struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        socklen_t al = sizeof a;
        if (c->fd < 0 || bind(c->fd, (struct sockaddr *)&a, sizeof a) != 0
                || getsockname(c->fd, (struct sockaddr *)&a, &al) != 0) {
            perror("socket");
            return 1;
        }
        c->port = ntohs(a.sin_port);
        c->ssrc = 0x10000000u + i;
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = i};
        epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
        printf(" %d", c->port);
    }
    printf("\n");
    fflush(stdout);
    /* stdin is polled every 20 ms, not through epoll: with a thousand busy sockets epoll_wait's 256 events
       left it unserved for tens of seconds */
    fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
    int logfd = -1;
    window_start = INT64_MAX;

    /* call i sends at origin + k * 20 ms + (i % 20) ms: twenty 1 ms slots */
    int64_t origin = now_us(), next_slot = origin;
    int slot = 0;
    struct epoll_event events[256];
    for (;;) {
        int64_t now = now_us();
        while (now >= next_slot) {
            for (int i = slot; i < ncalls; i += 20) if (calls[i].active) send_packet(i, now);
            if (slot == 0) {
                if (logfd < 0) logfd = open(log, O_RDONLY | O_NONBLOCK);
                if (logfd >= 0) follow_log(logfd);
                if (!read_commands(command, &now)) return 0;
            }
            slot = (slot + 1) % 20;
            next_slot += PERIOD_US / 20;
        }
        int timeout_ms = (int)((next_slot - now + 999) / 1000);
        int n = epoll_wait(ep, events, 256, timeout_ms);
        now = now_us();
        for (int e = 0; e < n; e++) receive_all(events[e].data.u32, now);
    }
}
