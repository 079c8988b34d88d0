/* speech_fixture.h - what the speech service's tests share: a voice by engine and name, a
 * service with no disk cache, and a clip's peak. Include after <cmocka.h>. */
#ifndef PACER_TESTS_SPEECH_FIXTURE_H
#define PACER_TESTS_SPEECH_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "speech.h"

static inline speech_voice voice_of(speech_engine e, const char *name)
{
    speech_voice v;
    memset(&v, 0, sizeof v);
    v.engine = e;
    snprintf(v.name, sizeof v.name, "%s", name);
    return v;
}

/* A service that keeps its clips in memory only. */
static inline speech *open_memory_only(void)
{
    speech_opts o = {0};
    o.no_disk_cache = 1;
    speech *s = speech_open(&o);
    assert_non_null(s);
    return s;
}

/* The clip's largest sample, as a share of full scale. */
static inline float peak_of(const clip *c)
{
    int m = 0;
    for (int64_t i = 0; i < c->frames; i++)
        if (abs(c->samples[i]) > m)
            m = abs(c->samples[i]);
    return (float)m / 32768.0f;
}

#endif
