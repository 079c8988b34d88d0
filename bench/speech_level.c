/* speech_level.c - the active speech level of a recording, by ITU-T P.56 method B, so that the
 * intelligibility benchmark can bring every voice to one standard level (-26 dBov) before the
 * recognizer hears it: a recognizer's score moves with its input level, and voices compare
 * fairly only at one level.
 *
 *   sox IN.wav -t raw -e signed -b 16 -c 1 - | speech_level RATE
 *
 * prints the active speech level in dBov (0 dBov: a full-scale square wave), then the
 * activity factor (the share of the samples counted as speech), or "silent" when nothing is
 * above the lowest threshold.
 *
 * The method: the rectified signal is smoothed twice with a 0.03 s time constant; for each
 * threshold c_j = 2^-j of full scale, a sample counts as active while the envelope is at or
 * above c_j, or for 0.2 s after it fell below (the hangover). With s the energy of the whole
 * recording and a_j the active samples, A_j = 10 log10(s / a_j) is the level the speech would
 * have if it were only the active part, and C_j = 20 log10(c_j). The active level is where
 * A_j - C_j comes down to the margin M = 15.9 dB; between two thresholds it is interpolated
 * on the straight line between them, in dB. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define THRESHOLDS 16 /* c_j = 2^-j, j = 0..15: down to one 16-bit step */
#define MARGIN_DB 15.9
#define TIME_CONSTANT_S 0.03
#define HANGOVER_S 0.2

int main(int argc, char **argv)
{
    double rate = argc > 1 ? atof(argv[1]) : 0;
    if (argc != 2 || !(rate >= 1000 && rate <= 384000)) {
        fprintf(stderr, "usage: speech_level RATE < raw signed 16-bit mono samples\n");
        return 2;
    }
    const double g = exp(-1.0 / (rate * TIME_CONSTANT_S));
    const long hangover = lround(HANGOVER_S * rate);
    double p = 0, q = 0, energy = 0;
    long active[THRESHOLDS] = {0}, hold[THRESHOLDS], n = 0;
    for (int j = 0; j < THRESHOLDS; j++)
        hold[j] = hangover; /* nothing before the start counts */
    int16_t buf[4096];
    size_t got;
    while ((got = fread(buf, sizeof buf[0], sizeof buf / sizeof buf[0], stdin)) > 0) {
        for (size_t i = 0; i < got; i++) {
            double x = buf[i] / 32768.0;
            energy += x * x;
            p = g * p + (1 - g) * fabs(x);
            q = g * q + (1 - g) * p;
            for (int j = 0; j < THRESHOLDS; j++) {
                if (q >= ldexp(1.0, -j)) {
                    active[j]++;
                    hold[j] = 0;
                } else if (hold[j] < hangover) {
                    active[j]++;
                    hold[j]++;
                }
            }
        }
        n += (long)got;
    }
    if (ferror(stdin)) {
        perror("speech_level: standard input");
        return 1;
    }
    /* from the loudest threshold down, A_j - C_j grows: the first at which it reaches M,
     * against the one above it */
    double prev_diff = 0, prev_a = 0;
    int have_prev = 0;
    for (int j = 0; j < THRESHOLDS; j++) {
        if (active[j] == 0)
            continue; /* nothing this loud */
        double a = 10 * log10(energy / (double)active[j]);
        double c = 20 * log10(ldexp(1.0, -j));
        double diff = a - c;
        if (diff >= MARGIN_DB) {
            double level = a, factor = (double)active[j] / (double)n;
            if (have_prev && prev_diff != diff) {
                double t = (MARGIN_DB - prev_diff) / (diff - prev_diff);
                level = prev_a + t * (a - prev_a);
            }
            printf("%.2f %.4f\n", level, factor);
            return 0;
        }
        prev_diff = diff;
        prev_a = a;
        have_prev = 1;
    }
    printf("silent\n");
    return 0;
}
