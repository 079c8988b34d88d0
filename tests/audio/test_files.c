/* test_files.c - the file helpers every reader uses (non-blocking regular-file opens, the
 * inside-the-folder rule), the speech cache's file names (BLAKE2b, computed here on its own
 * from libsodium), and a few verdicts of the recording checker on bytes made here. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "recording.h"
#include "speech_engine.h"
#include "util.h"

static char g_dir[256];

static int setup(void **state)
{
    (void)state;
    snprintf(g_dir, sizeof g_dir, "%s/pacer-files-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void path_in(char *buf, size_t n, const char *name) { snprintf(buf, n, "%s/%s", g_dir, name); }

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A FIFO with no writer, a device and a folder are refused at once; a file opens. */
static void test_open_regular(void **state)
{
    (void)state;
    char p[PATH_MAX];
    const char *why = NULL;
    path_in(p, sizeof p, "fifo");
    assert_int_equal(mkfifo(p, 0600), 0);
    assert_int_equal(file_open_regular(p, NULL, &why), -1); /* would block for ever without O_NONBLOCK */
    assert_string_equal(why, "it is a pipe (FIFO), not a file");
    FILE *f = file_fopen_regular(p, NULL, &why);
    assert_null(f);
    assert_int_equal(file_open_regular("/dev/null", NULL, &why), -1);
    assert_string_equal(why, "it is a device, not a file");
    assert_int_equal(file_open_regular(g_dir, NULL, &why), -1);
    assert_string_equal(why, "it is a folder, not a file");
    path_in(p, sizeof p, "missing");
    assert_int_equal(file_open_regular(p, NULL, &why), -1);
    assert_int_equal(errno, ENOENT);
    assert_string_equal(why, strerror(ENOENT));

    path_in(p, sizeof p, "text");
    write_file(p, "hello");
    struct stat st;
    int fd = file_open_regular(p, &st, &why);
    assert_true(fd >= 0);
    assert_int_equal(st.st_size, 5);
    assert_int_equal(fcntl(fd, F_GETFL) & O_NONBLOCK, 0); /* reads block as usual again */
    close(fd);
    char *data;
    size_t len;
    assert_int_equal(file_read_regular(p, 5, &data, &len, &why), 0);
    assert_int_equal(len, 5);
    assert_string_equal(data, "hello");
    free(data);
    assert_int_equal(file_read_regular(p, 4, &data, &len, &why), 1); /* over the limit: unread */
    assert_null(data);
}

/* The one rule for include, recordings and ambience. */
static void test_path_inside(void **state)
{
    (void)state;
    char root[512], p[1024], link[2048], real[PATH_MAX];
    path_in(root, sizeof root, "session");
    assert_int_equal(mkdir(root, 0700), 0);
    snprintf(p, sizeof p, "%s/in.wav", root);
    write_file(p, "x");
    assert_int_equal(path_inside(root, p, real, sizeof real), 0);
    assert_non_null(strstr(real, "/session/in.wav"));
    /* a link inside to inside: fine; to /etc/passwd or a sibling folder: outside */
    snprintf(link, sizeof link, "%s/ok.wav", root);
    assert_int_equal(symlink("in.wav", link), 0);
    assert_int_equal(path_inside(root, link, NULL, 0), 0);
    snprintf(link, sizeof link, "%s/passwd.wav", root);
    assert_int_equal(symlink("/etc/passwd", link), 0);
    assert_int_equal(path_inside(root, link, NULL, 0), 1);
    path_in(p, sizeof p, "session-other");
    assert_int_equal(mkdir(p, 0700), 0);
    snprintf(link, sizeof link, "%s/x.wav", p);
    write_file(link, "x");
    /* "session-other" shares the prefix "session": still outside */
    snprintf(link, sizeof link, "%s/../session-other/x.wav", root);
    assert_int_equal(path_inside(root, link, NULL, 0), 1);
    /* the root itself is not inside it; a missing file is ENOENT */
    assert_int_equal(path_inside(root, root, NULL, 0), 1);
    snprintf(p, sizeof p, "%s/missing.wav", root);
    assert_int_equal(path_inside(root, p, NULL, 0), -1);
    assert_int_equal(errno, ENOENT);
}

/* Speech cache files are named by BLAKE2b-256 of "PCRSPCH1", the format version (2,
 * little-endian) and the key: computed here from libsodium directly. */
static void test_cache_names(void **state)
{
    (void)state;
    assert_true(sodium_init() >= 0);
    char warn[256], got[PATH_MAX], want[PATH_MAX];
    sp_disk *d = sp_disk_open(g_dir, 0, warn, sizeof warn);
    assert_non_null(d);
    const char *key = "pacer-speech-1|flite|2.2|slt|150|s10000|Breathe in.";
    assert_int_equal(sp_disk_path(d, key, strlen(key), got, sizeof got), 0);
    unsigned char msg[512], h[32];
    memcpy(msg, "PCRSPCH1\x02\x00\x00\x00", 12);
    memcpy(msg + 12, key, strlen(key));
    crypto_generichash(h, sizeof h, msg, 12 + strlen(key), NULL, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    snprintf(want, sizeof want, "%s/%s.clip", g_dir, hex);
    assert_string_equal(got, want);
    /* one byte of the key more: another name */
    assert_int_equal(sp_disk_path(d, key, strlen(key) - 1, got, sizeof got), 0);
    assert_string_not_equal(got, want);
    sp_disk_close(d);
}

/* ---- the recording checker on small buffers ---- */
static size_t wav_header(unsigned char *b, unsigned channels, unsigned rate, unsigned bits, unsigned data_bytes)
{
    unsigned block = channels * bits / 8;
    unsigned char h[44] = "RIFF\0\0\0\0WAVEfmt \x10\0\0\0\x01\0";
    h[22] = (unsigned char)channels;
    for (int i = 0; i < 4; i++) {
        h[24 + i] = (unsigned char)(rate >> (8 * i));
        h[28 + i] = (unsigned char)(rate * block >> (8 * i));
        h[40 + i] = (unsigned char)(data_bytes >> (8 * i));
    }
    h[32] = (unsigned char)block;
    h[34] = (unsigned char)bits;
    memcpy(h + 36, "data", 4);
    memcpy(b, h, 44);
    memset(b + 44, 0, data_bytes);
    return 44 + data_bytes;
}

static void test_probe_wav(void **state)
{
    (void)state;
    static unsigned char b[44 + 96000];
    recording_info ri;
    char why[200];
    size_t n = wav_header(b, 1, 8000, 16, 16000);
    assert_int_equal(recording_probe(b, n, 900, &ri, why, sizeof why), RECORDING_OK);
    assert_int_equal(ri.frames, 8000);
    assert_int_equal(ri.channels, 1);
    /* a data size beyond the file: what is there */
    b[43] = 0x7f;
    assert_int_equal(recording_probe(b, n, 900, &ri, why, sizeof why), RECORDING_OK);
    assert_int_equal(ri.frames, 8000);
    /* 0 channels: refused before any division by it */
    n = wav_header(b, 0, 8000, 16, 16000);
    assert_int_equal(recording_probe(b, n, 900, &ri, why, sizeof why), RECORDING_BAD);
    assert_string_equal(why, "it has 0 channels");
    /* 6 s of sound against a 5 s limit: counted, refused */
    n = wav_header(b, 1, 8000, 16, 96000);
    assert_int_equal(recording_probe(b, n, 5, &ri, why, sizeof why), RECORDING_TOO_LONG);
    assert_string_equal(why, "it lasts 0 minutes; recordings may be at most 0 minutes");
}

/* Silent MPEG-1 layer III frames, 128 kbps, 44.1 kHz, mono: 417 bytes and 1152 samples each. */
static size_t mp3_frames(unsigned char *b, int frames, long xing)
{
    for (int i = 0; i < frames; i++) {
        unsigned char *f = b + (size_t)i * 417;
        memset(f, 0, 417);
        f[0] = 0xFF, f[1] = 0xFB, f[2] = 0x90, f[3] = 0xC0;
        if (i == 0 && xing >= 0) {
            memcpy(f + 21, "Xing", 4);
            f[28] = 1;
            f[29] = (unsigned char)(xing >> 24), f[30] = (unsigned char)(xing >> 16);
            f[31] = (unsigned char)(xing >> 8), f[32] = (unsigned char)xing;
        }
    }
    return (size_t)frames * 417;
}

static void test_probe_mp3(void **state)
{
    (void)state;
    static unsigned char b[417 * 400];
    recording_info ri;
    char why[200];
    /* the Xing header's word is not taken: 400 frames counted, the lie noted */
    size_t n = mp3_frames(b, 400, 3);
    assert_int_equal(recording_probe(b, n, 900, &ri, why, sizeof why), RECORDING_OK);
    assert_int_equal(ri.frames, 400 * 1152);
    assert_int_equal(ri.mp3_info_lies, 1);
    /* a true Xing header: its frame is a header, not sound */
    n = mp3_frames(b, 400, 399);
    assert_int_equal(recording_probe(b, n, 900, &ri, why, sizeof why), RECORDING_OK);
    assert_int_equal(ri.frames, 399 * 1152);
    assert_int_equal(ri.mp3_info_lies, 0);
    /* 400 frames are 10.4 s: refused at a 10 s limit, as the count passes it */
    assert_int_equal(recording_probe(b, n, 10, &ri, why, sizeof why), RECORDING_TOO_LONG);
    assert_string_equal(why, "it lasts more than 0 minutes; recordings may be at most 0 minutes");
    /* and the decoder gives exactly the frames counted, with the lie not believed */
    n = mp3_frames(b, 40, 3);
    assert_int_equal(recording_probe(b, n, 900, &ri, why, sizeof why), RECORDING_OK);
    fclip out;
    assert_int_equal(recording_decode(b, n, &ri, 900, &out, why, sizeof why), RECORDING_OK);
    assert_true(out.frames > 30 * 1152 && out.frames <= 40 * 1152);
    fclip_free(&out);
    /* and stops at the limit: 0.5 s */
    assert_int_equal(recording_decode(b, n, &ri, 0.5, &out, why, sizeof why), RECORDING_TOO_LONG);
    assert_null(out.samples);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_regular), cmocka_unit_test(test_path_inside), cmocka_unit_test(test_cache_names),
        cmocka_unit_test(test_probe_wav),    cmocka_unit_test(test_probe_mp3),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
