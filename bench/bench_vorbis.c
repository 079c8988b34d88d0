/* bench_vorbis.c - libvorbis alone: the CPU time it takes to encode a mono 16-bit WAV at
 * its own rate, with the settings pacer's writer uses (VBR, no bitrate management) at the
 * quality given. Used by bench/audio/ogg_settings.sh to choose the Ogg rate and quality.
 *
 *   bench_vorbis FILE.wav QUALITY [OUT.ogg]
 *
 * The samples go to the encoder in blocks of 1024 frames, as the writer sends them. Prints
 * one line: rate, quality, CPU seconds of the encode (CLOCK_PROCESS_CPUTIME_ID, which a
 * busy machine moves far less than wall time), times real time, bitrate, block sizes; then
 * "RESULT {json}". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <vorbis/vorbisenc.h>

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long out_bytes;
static void put_page(FILE *o, const ogg_page *og)
{
    out_bytes += og->header_len + og->body_len;
    if (o) {
        fwrite(og->header, 1, (size_t)og->header_len, o);
        fwrite(og->body, 1, (size_t)og->body_len, o);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: bench_vorbis FILE.wav QUALITY [OUT.ogg]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    unsigned char h[44];
    if (!f || fread(h, 1, 44, f) != 44 || memcmp(h, "RIFF", 4) || h[22] != 1 || h[34] != 16 ||
        memcmp(h + 36, "data", 4)) {
        fprintf(stderr, "bench_vorbis: %s is not a mono 16-bit WAV with a 44-byte header\n", argv[1]);
        return 1;
    }
    const long rate = h[24] | h[25] << 8 | h[26] << 16 | (long)h[27] << 24;
    const float quality = (float)atof(argv[2]);
    fseek(f, 0, SEEK_END);
    const long frames = (ftell(f) - 44) / 2;
    fseek(f, 44, SEEK_SET);
    int16_t *s = malloc((size_t)frames * 2 + 2);
    if (!s || fread(s, 2, (size_t)frames, f) != (size_t)frames) {
        fprintf(stderr, "bench_vorbis: cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(f);
    FILE *o = argc == 4 ? fopen(argv[3], "wb") : NULL;

    vorbis_info vi;
    vorbis_info_init(&vi);
    if (vorbis_encode_init_vbr(&vi, 1, rate, quality) != 0) {
        fprintf(stderr, "bench_vorbis: libvorbis refuses %ld Hz at quality %g\n", rate, quality);
        return 1;
    }
    vorbis_comment vc;
    vorbis_dsp_state vd;
    vorbis_block vb;
    ogg_stream_state os;
    ogg_page og;
    ogg_packet op, p1, p2, p3;
    vorbis_comment_init(&vc);
    vorbis_analysis_init(&vd, &vi);
    vorbis_block_init(&vd, &vb);
    ogg_stream_init(&os, 1);
    vorbis_analysis_headerout(&vd, &vc, &p1, &p2, &p3);
    ogg_stream_packetin(&os, &p1);
    ogg_stream_packetin(&os, &p2);
    ogg_stream_packetin(&os, &p3);
    while (ogg_stream_flush(&os, &og))
        put_page(o, &og);

    const double t0 = cpu_now();
    for (long done = 0;; done += 1024) {
        long k = frames - done < 1024 ? frames - done : 1024;
        if (k > 0) {
            float **in = vorbis_analysis_buffer(&vd, (int)k);
            for (long i = 0; i < k; i++)
                in[0][i] = s[done + i] / 32768.0f;
        }
        vorbis_analysis_wrote(&vd, k > 0 ? (int)k : 0);
        while (vorbis_analysis_blockout(&vd, &vb) == 1) {
            vorbis_analysis(&vb, NULL);
            vorbis_bitrate_addblock(&vb);
            while (vorbis_bitrate_flushpacket(&vd, &op)) {
                ogg_stream_packetin(&os, &op);
                while (ogg_stream_pageout(&os, &og))
                    put_page(o, &og);
            }
        }
        if (k <= 0)
            break;
    }
    while (ogg_stream_flush(&os, &og))
        put_page(o, &og);
    const double cpu = cpu_now() - t0;
    const double secs = (double)frames / (double)rate;
    printf("%6ld Hz  q %5.2f  %7.3f s CPU  %6.0fx real time  %5.1f kbit/s  blocks %d/%d\n", rate, quality, cpu,
           secs / cpu, out_bytes * 8 / secs / 1000, vorbis_info_blocksize(&vi, 0), vorbis_info_blocksize(&vi, 1));
    printf("RESULT {\"bench\":\"vorbis\",\"rate\":%ld,\"quality\":%.2f,\"seconds\":%.3f,\"cpu_s\":%.4f,\"kbit_s\":%.2f}\n",
           rate, quality, secs, cpu, out_bytes * 8 / secs / 1000);
    ogg_stream_clear(&os);
    vorbis_block_clear(&vb);
    vorbis_dsp_clear(&vd);
    vorbis_comment_clear(&vc);
    vorbis_info_clear(&vi);
    free(s);
    if (o)
        fclose(o);
    return 0;
}
