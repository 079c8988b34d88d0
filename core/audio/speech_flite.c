/* speech_flite.c - English speech from flite, loaded as a library when first needed.
 *
 * flite and its voices are opened with dlopen the first time a text is synthesized (or a
 * voice checked), not linked: a start whose speech all comes from the cache never maps them,
 * and sp_flite_stop closes them again, so once a session's speech is prepared their memory
 * (the voice's relocated tables, the lexicon's pages and flite's heap: about 6 MB for slt)
 * is given back before the clips are loaded. cmu_us_rms speaks English sessions that name no
 * voice (it is the one heard best in a stream of cues: bench/README.md); the others Debian
 * ships (slt, kal, kal16, awb) are opened the same way when asked for.
 *
 * Rate: flite has no words-per-minute setting; its "duration_stretch" feature scales every
 * segment's duration. Measured on seven typical cue phrases (60 words), words divided by
 * the time from the first to the last audible 10 ms frame (leading and trailing silence
 * excluded, pauses inside the phrase included), stretch 1.0 speaks slt at 189 wpm, and the
 * rate scales as 1/stretch (1.2 -> 158, 1.26 -> 150, 0.63 -> 299, 2.36 -> 80 wpm). Each
 * voice's natural rate was measured the same way: slt 189, kal 200, kal16 201, rms 160, awb
 * 179 wpm. A rate is spoken at its articulation rate (pace.h: near the voice's natural one,
 * the rest of a calm pace is pauses), so the stretch is natural_wpm / articulation rate.
 *
 * Determinism: flite's excitation noise comes from the C library's rand(), so rand() is seeded
 * with a constant before each text; a text then always gives the same samples (the disk cache
 * and a fresh synthesis agree bit for bit, also after flite was closed and opened again).
 * Nothing else in Pacer uses rand().
 *
 * Errors: flite reports a fatal error through cst_error(), which exits the process unless
 * cst_errjmp points at a jump buffer; synthesis runs with one set, so a failure becomes an
 * error message instead. */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <flite.h>
#include <flite_version.h>

#include "pace.h"
#include "speech_engine.h"

/* flite's library; its functions and its error jump pointer, looked up once it is open. */
#define FLITE_LIB "libflite.so.1"
static struct {
    void *handle;
    int (*init)(void);
    cst_wave *(*text_to_wave)(const char *text, cst_voice *voice);
    void (*delete_wave)(cst_wave *w);
    void (*set_float)(cst_features *f, const char *name, float v);
    jmp_buf **errjmp;
} fl;

typedef cst_voice *(*register_fn)(const char *voxdir);
typedef void (*unregister_fn)(cst_voice *v);

typedef struct fvoice {
    const char *name;    /* as in "flite:<name>" */
    const char *lib;     /* shared library to dlopen */
    double natural_wpm;  /* measured words per minute at duration_stretch 1 */
    cst_voice *voice;    /* registered, or NULL */
    void *handle;        /* dlopen handle */
    unregister_fn unregister;
} fvoice;

static fvoice voices[] = {
    {"slt", "libflite_cmu_us_slt.so.1", FLITE_NATURAL_WPM, NULL, NULL, NULL},
    {"kal", "libflite_cmu_us_kal.so.1", 200.0, NULL, NULL, NULL},
    {"kal16", "libflite_cmu_us_kal16.so.1", 201.0, NULL, NULL, NULL},
    {"rms", "libflite_cmu_us_rms.so.1", 160.0, NULL, NULL, NULL},
    {"awb", "libflite_cmu_us_awb.so.1", 179.0, NULL, NULL, NULL},
};
enum { NVOICES = sizeof voices / sizeof voices[0] };

static int started;

static fvoice *find_voice(const char *name)
{
    for (int i = 0; i < NVOICES; i++)
        if (strcmp(voices[i].name, name) == 0)
            return &voices[i];
    return NULL;
}

int sp_flite_known_voice(const char *name) { return find_voice(name) != NULL; }

const char *sp_flite_voice_names(void) { return "slt, kal, kal16, rms, awb"; }

const char *sp_flite_version(void) { return "flite-" FLITE_PROJECT_VERSION; }

/* The function name in library h into *fn (a function pointer's address); -1 when absent. */
static int find_fn(void *h, const char *name, void *fn)
{
    void *p = dlsym(h, name);
    if (!p)
        return -1;
    memcpy(fn, &p, sizeof p); /* object pointer to function pointer, as POSIX allows */
    return 0;
}

static int lookup(const char *name, void *fn, char *err, size_t err_n)
{
    if (find_fn(fl.handle, name, fn) != 0) {
        snprintf(err, err_n, "flite (%s) lacks %s", FLITE_LIB, name);
        return -1;
    }
    return 0;
}

int sp_flite_start(char *err, size_t err_n)
{
    if (started)
        return 0;
    fl.handle = dlopen(FLITE_LIB, RTLD_NOW | RTLD_LOCAL);
    if (!fl.handle) {
        const char *why = dlerror();
        snprintf(err, err_n, "flite is not installed (%s)", why ? why : "dlopen failed");
        return -1;
    }
    void *errjmp = dlsym(fl.handle, "cst_errjmp");
    if (lookup("flite_init", &fl.init, err, err_n) != 0 ||
        lookup("flite_text_to_wave", &fl.text_to_wave, err, err_n) != 0 ||
        lookup("delete_wave", &fl.delete_wave, err, err_n) != 0 ||
        lookup("feat_set_float", &fl.set_float, err, err_n) != 0 || !errjmp) {
        if (!errjmp)
            snprintf(err, err_n, "flite (%s) lacks cst_errjmp", FLITE_LIB);
        dlclose(fl.handle);
        memset(&fl, 0, sizeof fl);
        return -1;
    }
    fl.errjmp = errjmp;
    fl.init();
    started = 1;
    return 0;
}

int sp_flite_running(void) { return started; }

/* Registers the voice on first use. */
static cst_voice *get_voice(fvoice *fv, char *err, size_t err_n)
{
    if (fv->voice)
        return fv->voice;
    void *h = dlopen(fv->lib, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(err, err_n, "flite voice %s is not installed (%s)", fv->name, why ? why : "dlopen failed");
        return NULL;
    }
    char reg_name[64], unreg_name[64];
    snprintf(reg_name, sizeof reg_name, "register_cmu_us_%s", fv->name);
    snprintf(unreg_name, sizeof unreg_name, "unregister_cmu_us_%s", fv->name);
    register_fn reg;
    unregister_fn unreg;
    if (find_fn(h, reg_name, &reg) != 0 || find_fn(h, unreg_name, &unreg) != 0) {
        snprintf(err, err_n, "flite voice %s: %s lacks its register function", fv->name, fv->lib);
        dlclose(h);
        return NULL;
    }
    fv->voice = reg(NULL);
    if (!fv->voice) {
        dlclose(h);
    } else {
        fv->handle = h;
        fv->unregister = unreg;
    }
    if (!fv->voice)
        snprintf(err, err_n, "flite could not load voice %s", fv->name);
    return fv->voice;
}

double sp_flite_stretch(const char *voice, int rate)
{
    fvoice *fv = find_voice(voice);
    return fv && rate > 0 ? fv->natural_wpm / pace_articulation(rate, fv->natural_wpm) : 1.0;
}

int sp_flite_check_voice(const char *name, char *err, size_t err_n)
{
    fvoice *fv = find_voice(name);
    if (!fv) {
        snprintf(err, err_n, "flite has no voice '%s' (it has %s)", name, sp_flite_voice_names());
        return -1;
    }
    if (sp_flite_start(err, err_n) != 0)
        return -1;
    return get_voice(fv, err, err_n) ? 0 : -1;
}

/* Runs flite_text_to_wave with flite's fatal errors caught. */
static cst_wave *text_to_wave(const char *text, cst_voice *v)
{
    jmp_buf jb;
    jmp_buf *saved = *fl.errjmp;
    cst_wave *volatile w = NULL;
    *fl.errjmp = &jb;
    if (setjmp(jb) == 0)
        w = fl.text_to_wave(text, v);
    else
        w = NULL;
    *fl.errjmp = saved;
    return w;
}

int sp_flite_synth(const char *voice, int rate, const char *text, speech_raw *out, char *err, size_t err_n)
{
    memset(out, 0, sizeof *out);
    fvoice *fv = find_voice(voice);
    if (!fv) {
        snprintf(err, err_n, "flite has no voice '%s' (it has %s)", voice, sp_flite_voice_names());
        return -1;
    }
    if (sp_flite_start(err, err_n) != 0)
        return -1;
    cst_voice *v = get_voice(fv, err, err_n);
    if (!v)
        return -1;
    fl.set_float(v->features, "duration_stretch", (float)sp_flite_stretch(voice, rate));
    srand(SP_SYNTH_SEED);
    cst_wave *w = text_to_wave(text, v);
    if (!w) {
        snprintf(err, err_n, "flite failed to synthesize the text");
        return -1;
    }
    if (w->num_channels != 1 || w->sample_rate <= 0 || w->num_samples < 0 || (w->num_samples > 0 && !w->samples)) {
        snprintf(err, err_n, "flite returned an unexpected wave (%d channels, %d Hz)", w->num_channels,
                 w->sample_rate);
        fl.delete_wave(w);
        return -1;
    }
    out->samples = malloc(((size_t)w->num_samples + 1) * sizeof *out->samples);
    if (!out->samples) {
        fl.delete_wave(w);
        snprintf(err, err_n, "out of memory");
        return -1;
    }
    for (int i = 0; i < w->num_samples; i++)
        out->samples[i] = w->samples[i] / 32768.0f;
    out->n = w->num_samples;
    out->rate = w->sample_rate;
    fl.delete_wave(w);
    return 0;
}

void sp_flite_stop(void)
{
    for (int i = 0; i < NVOICES; i++) {
        fvoice *fv = &voices[i];
        if (fv->voice && fv->unregister)
            fv->unregister(fv->voice);
        if (fv->handle)
            dlclose(fv->handle);
        fv->voice = NULL;
        fv->handle = NULL;
        fv->unregister = NULL;
    }
    if (fl.handle)
        dlclose(fl.handle);
    memset(&fl, 0, sizeof fl);
    started = 0;
}
