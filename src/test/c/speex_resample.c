/*
 * Reference resampler for PolyphaseResampler tests: Debian libspeexdsp (package libspeexdsp-dev).
 *
 *   speex_resample IN_RATE OUT_RATE QUALITY
 *       reads mono s16le at IN_RATE from stdin, resamples it in 20 ms frames with
 *       speex_resampler_process_int, writes mono s16le at OUT_RATE to stdout.
 *   speex_resample --time IN_RATE OUT_RATE QUALITY FRAMES
 *       resamples FRAMES 20 ms frames of a synthetic signal after a warm-up, five times, and
 *       prints "ns_per_frame=<best of the five runs>" for the cost comparison.
 *
 * Built by the test with: gcc -O2 -o target/speex_resample src/test/c/speex_resample.c -lspeexdsp
 */
#include <speex/speex_resampler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static SpeexResamplerState *open_resampler(int in_rate, int out_rate, int quality) {
    int err = 0;
    SpeexResamplerState *st = speex_resampler_init(1, in_rate, out_rate, quality, &err);
    if (st == NULL || err != RESAMPLER_ERR_SUCCESS) {
        fprintf(stderr, "speex_resampler_init failed: in=%d out=%d quality=%d: %s\n", in_rate, out_rate,
                quality, speex_resampler_strerror(err));
        exit(2);
    }
    return st;
}

/* Resamples in[0, n) completely; returns the number of samples written to out. */
static spx_uint32_t resample_frame(SpeexResamplerState *st, const spx_int16_t *in, spx_uint32_t n,
                                   spx_int16_t *out, spx_uint32_t out_cap) {
    spx_uint32_t written = 0;
    while (n > 0) {
        spx_uint32_t in_len = n;
        spx_uint32_t out_len = out_cap - written;
        speex_resampler_process_int(st, 0, in, &in_len, out + written, &out_len);
        in += in_len;
        n -= in_len;
        written += out_len;
        if (in_len == 0 && out_len == 0) {
            fprintf(stderr, "speex_resampler_process_int made no progress\n");
            exit(3);
        }
    }
    return written;
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int filter(int in_rate, int out_rate, int quality) {
    SpeexResamplerState *st = open_resampler(in_rate, out_rate, quality);
    spx_uint32_t frame = in_rate / 50;
    spx_uint32_t out_cap = (spx_uint32_t) ((long) frame * out_rate / in_rate) + 64;
    spx_int16_t *in = malloc(frame * sizeof(spx_int16_t));
    spx_int16_t *out = malloc(out_cap * sizeof(spx_int16_t));
    size_t got;
    while ((got = fread(in, sizeof(spx_int16_t), frame, stdin)) > 0) {
        spx_uint32_t written = resample_frame(st, in, (spx_uint32_t) got, out, out_cap);
        if (fwrite(out, sizeof(spx_int16_t), written, stdout) != written) {
            perror("write");
            return 4;
        }
    }
    speex_resampler_destroy(st);
    free(in);
    free(out);
    return 0;
}

static int time_frames(int in_rate, int out_rate, int quality, long frames) {
    SpeexResamplerState *st = open_resampler(in_rate, out_rate, quality);
    spx_uint32_t frame = in_rate / 50;
    spx_uint32_t out_cap = (spx_uint32_t) ((long) frame * out_rate / in_rate) + 64;
    spx_int16_t *in = malloc(frame * sizeof(spx_int16_t));
    spx_int16_t *out = malloc(out_cap * sizeof(spx_int16_t));
    unsigned seed = 7;
    for (spx_uint32_t i = 0; i < frame; i++) {
        seed = seed * 1103515245u + 12345u;
        in[i] = (spx_int16_t) ((int) (seed >> 16 & 0x3FFF) - 0x2000);
    }
    long sink = 0;
    for (long f = 0; f < frames; f++) {
        sink += resample_frame(st, in, frame, out, out_cap);
    }
    double best = 1e30;
    for (int run = 0; run < 5; run++) {
        double start = now_ns();
        for (long f = 0; f < frames; f++) {
            sink += resample_frame(st, in, frame, out, out_cap);
        }
        double per_frame = (now_ns() - start) / frames;
        if (per_frame < best) {
            best = per_frame;
        }
    }
    printf("ns_per_frame=%.1f in=%d out=%d quality=%d frames=%ld outputs=%ld\n", best, in_rate, out_rate,
           quality, frames, sink);
    speex_resampler_destroy(st);
    free(in);
    free(out);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4) {
        return filter(atoi(argv[1]), atoi(argv[2]), atoi(argv[3]));
    }
    if (argc == 6 && strcmp(argv[1], "--time") == 0) {
        return time_frames(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atol(argv[5]));
    }
    fprintf(stderr, "usage: %s IN_RATE OUT_RATE QUALITY < s16le > s16le\n"
                    "       %s --time IN_RATE OUT_RATE QUALITY FRAMES\n", argv[0], argv[0]);
    return 1;
}
