/* sounds.c - the lengths the model knows before any audio is prepared: the preset sounds
 * (each a fixed tone) and an estimate of how long a text takes to say. */
#include "model.h"

/* The preset sounds: each phase sound differs from every other in pitch and in its shape in
 * time (tests/audio/test_sounds.c measures both), so a patient with eyes closed tells inhale
 * from exhale, a breath held in from a breath held out, and both from a stretch hold and the
 * end of a rep. The notes are of one family (C, E, G, D): the hold-in swells on the G where
 * the inhale's glide ends, the hold-out strikes the G an octave below the exhale's end. */
static const struct {
    pacer_shape shape;
    double hz, ms, level;
} presets[] = {
    [PACER_SOUND_INHALE] = {PACER_SHAPE_RISE, 392.0, 300, 0.45},
    [PACER_SOUND_EXHALE] = {PACER_SHAPE_FALL, 587.3, 300, 0.45},
    [PACER_SOUND_HOLD] = {PACER_SHAPE_CHIME, 659.3, 250, 0.40},
    [PACER_SOUND_REP_END] = {PACER_SHAPE_CHIME, 329.6, 600, 0.45},
    [PACER_SOUND_TICK] = {PACER_SHAPE_TICK, 1200.0, 40, 0.50},
    [PACER_SOUND_BEEP] = {PACER_SHAPE_SINE, 880.0, 150, 0.45},
    [PACER_SOUND_BELL] = {PACER_SHAPE_BELL, 523.3, 2500, 0.55},
    [PACER_SOUND_REST] = {PACER_SHAPE_SINE, 261.6, 350, 0.30},
    [PACER_SOUND_HOLD_IN] = {PACER_SHAPE_SWELL, 784.0, 450, 0.40},
    [PACER_SOUND_HOLD_OUT] = {PACER_SHAPE_DOUBLE, 196.0, 600, 0.50},
};

static int is_preset(pacer_sound s) { return (int)s >= 0 && (int)s < (int)(sizeof presets / sizeof presets[0]); }

double sound_length(pacer_sound s) { return is_preset(s) ? presets[s].ms / 1000.0 : 0.0; }

int sound_tone(pacer_sound s, pacer_tone *out)
{
    if (!is_preset(s))
        return 0;
    *out = (pacer_tone){sizeof *out, presets[s].shape, presets[s].hz, presets[s].ms, presets[s].level};
    return 1;
}

double estimate_speech_len(void *ud, const char *language, const char *voice, int rate, const char *text)
{
    (void)ud, (void)language, (void)voice;
    /* Words at the given rate, plus a little for punctuation pauses and the voice's lead-in. */
    int words = 0, in_word = 0, pauses = 0;
    for (const char *p = text; *p; p++) {
        int space = *p == ' ' || *p == '\n' || *p == '\t';
        if (!space && !in_word)
            words++;
        in_word = !space;
        if (*p == ',' || *p == '.' || *p == ';' || *p == ':' || *p == '?' || *p == '!')
            pauses++;
    }
    if (rate <= 0)
        rate = 150;
    return 0.25 + words * 60.0 / rate + pauses * 0.15;
}
