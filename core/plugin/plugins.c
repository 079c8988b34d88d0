/* plugins.c - the plugin loader. */
#include "plugins.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <dlfcn.h>
#include <elf.h>
#include <pwd.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void plugins_init(plugin_set *s, registry *reg)
{
    memset(s, 0, sizeof *s);
    s->reg = reg;
}

static void info_free(plugin_info *p)
{
    free(p->path);
    free(p->name);
    free(p->version);
    free(p->description);
    for (int k = 0; k < p->nsteps; k++)
        free(p->steps[k]);
    free(p->steps);
}

void plugins_free(plugin_set *s)
{
    for (int i = 0; i < s->count; i++)
        info_free(&s->items[i]);
    free(s->items);
    for (int i = 0; i < s->ndraws; i++)
        free(s->draws[i].step);
    free(s->draws);
    /* The registry may still hold step types of these plugins: they stay loaded. */
    registry *reg = s->reg;
    memset(s, 0, sizeof *s);
    s->reg = reg;
}

static void say(plugin_set *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(plugin_set *s, const char *fmt, ...)
{
    strbuf b;
    sb_init(&b);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    strbuf safe;
    sb_init(&safe);
    if (b.data)
        sb_add_safe(&safe, b.data, b.len);
    if (s->report)
        s->report(s->report_ud, safe.data ? safe.data : "");
    else
        fprintf(stderr, "%s\n", safe.data ? safe.data : "");
    sb_free(&b);
    sb_free(&safe);
}

static const char *machine_name(unsigned m)
{
    switch (m) {
    case EM_386: return "32-bit x86";
    case EM_X86_64: return "x86-64";
    case EM_ARM: return "32-bit ARM";
    case EM_AARCH64: return "64-bit ARM (aarch64)";
    case EM_RISCV: return "RISC-V";
    case EM_PPC64: return "64-bit PowerPC";
    case EM_S390: return "s390";
    default: return "another machine";
    }
}

#if defined(__x86_64__)
#define HOST_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define HOST_MACHINE EM_AARCH64
#elif defined(__i386__)
#define HOST_MACHINE EM_386
#elif defined(__arm__)
#define HOST_MACHINE EM_ARM
#elif defined(__riscv)
#define HOST_MACHINE EM_RISCV
#else
#define HOST_MACHINE 0
#endif

/* Reads the ELF header: a clear reason for files dlopen would only call "invalid". */
static int check_elf(const char *path, char *why, size_t n)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, n, "not a regular file");
        return -1;
    }
    /* non-blocking: a file swapped for a FIFO after the check cannot hang the program */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, n, "cannot read it: %s", strerror(errno));
        return -1;
    }
    unsigned char h[64];
    ssize_t r = read(fd, h, sizeof h);
    close(fd);
    size_t got = r > 0 ? (size_t)r : 0;
    if (got < 20 || memcmp(h, ELFMAG, SELFMAG) != 0) {
        snprintf(why, n, "not a shared library (not an ELF file)");
        return -1;
    }
    int is64 = h[EI_CLASS] == ELFCLASS64, little = h[EI_DATA] == ELFDATA2LSB;
    unsigned type = little ? (unsigned)(h[16] | h[17] << 8) : (unsigned)(h[16] << 8 | h[17]);
    unsigned machine = little ? (unsigned)(h[18] | h[19] << 8) : (unsigned)(h[18] << 8 | h[19]);
    if (HOST_MACHINE && machine != HOST_MACHINE) {
        snprintf(why, n, "built for %s; this machine is %s", machine_name(machine), machine_name(HOST_MACHINE));
        return -1;
    }
    if (is64 != (sizeof(void *) == 8)) {
        snprintf(why, n, "built for %d-bit programs; this Pacer is %d-bit", is64 ? 64 : 32,
                 (int)sizeof(void *) * 8);
        return -1;
    }
    if (type != ET_DYN) {
        snprintf(why, n, "not a shared library (an ELF %s)", type == ET_EXEC ? "program" : "object file");
        return -1;
    }
    return 0;
}

/* ---- who may have written it ----
 * A plugin's code runs as whoever runs Pacer, from its constructor on, before any check of
 * ours. So the file, and every folder that could swap it, must be under the control of this
 * user or root: owned by one of them and writable by nobody else. The plugin's own folder
 * may not be writable by others at all (anyone could drop a .so into it); a folder further
 * up may be, with the sticky bit (like /tmp), since others can then not rename what is in
 * it. */
static int trusted_owner(uid_t uid) { return uid == 0 || uid == geteuid(); }

static void owner_name(uid_t uid, char *buf, size_t n)
{
    struct passwd *pw = getpwuid(uid);
    if (pw && pw->pw_name)
        snprintf(buf, n, "user %lu (%s)", (unsigned long)uid, pw->pw_name);
    else
        snprintf(buf, n, "user %lu", (unsigned long)uid);
}

/* 0 when st (of path, 'what' being "the file" or "the folder") is safe; else -1 with why.
 * others_ok: writable by others is allowed with the sticky bit (a folder above the plugin's). */
static int check_owner_mode(const char *what, const char *path, const struct stat *st, int others_ok, char *why,
                            size_t n)
{
    if (!trusted_owner(st->st_uid)) {
        char who[96];
        owner_name(st->st_uid, who, sizeof who);
        snprintf(why, n, "%s %s is owned by %s, not by you or root", what, path, who);
        return -1;
    }
    int writable = (st->st_mode & (S_IWGRP | S_IWOTH)) != 0;
    if (writable && !(others_ok && (st->st_mode & S_ISVTX))) {
        snprintf(why, n, "%s %s is writable by %s (mode %04o); only its owner may write to it", what, path,
                 st->st_mode & S_IWOTH ? "anyone" : "its group", (unsigned)(st->st_mode & 07777));
        return -1;
    }
    return 0;
}

/* The folder dir (a real path) and every folder above it. */
static int check_folders(const char *dir, char *why, size_t n)
{
    char buf[PATH_MAX];
    snprintf(buf, sizeof buf, "%s", dir);
    int first = 1;
    for (;;) {
        struct stat st;
        if (stat(buf[0] ? buf : "/", &st) != 0) {
            snprintf(why, n, "cannot check the folder %s: %s", buf[0] ? buf : "/", strerror(errno));
            return -1;
        }
        if (check_owner_mode("the folder", buf[0] ? buf : "/", &st, !first, why, n) < 0)
            return -1;
        first = 0;
        char *slash = strrchr(buf, '/');
        if (!slash || buf[0] == 0)
            return 0;
        *slash = 0; /* "/a/b" -> "/a" -> "" (the root) */
    }
}

/* The plugin file 'real' (resolved) and its folders; and the folder the file was named in
 * (where a link to it may live), when that is another one. */
static int check_trust(const char *given, const char *real, char *why, size_t n)
{
    struct stat st;
    if (stat(real, &st) != 0) {
        snprintf(why, n, "cannot read it: %s", strerror(errno));
        return -1;
    }
    if (S_ISREG(st.st_mode) && check_owner_mode("the file", real, &st, 0, why, n) < 0)
        return -1;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", real);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    if (check_folders(dir, why, n) < 0)
        return -1;
    /* the folder of the name as given, resolved */
    char named[PATH_MAX], named_real[PATH_MAX];
    snprintf(named, sizeof named, "%s", given);
    slash = strrchr(named, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(named, sizeof named, ".");
    if (realpath(named[0] ? named : "/", named_real) && strcmp(named_real, dir) != 0)
        return check_folders(named_real, why, n);
    return 0;
}

/* ---- the registrar a plugin's init works through ---- */
typedef struct loading {
    plugin_set *s;
    plugin_info *info;
    const char *file;
    int refused; /* a registration was refused */
} loading;

static int r_add_step(const pacer_registrar *r, const pacer_step_type *type)
{
    loading *l = r->host;
    char err[256];
    if (registry_add(l->s->reg, type, l->info->name, err, sizeof err) < 0) {
        say(l->s, "pacer: plugin %s: step type refused: %s", l->file, err);
        l->refused = 1;
        return -1;
    }
    char **steps = realloc(l->info->steps, (size_t)(l->info->nsteps + 1) * sizeof *steps);
    if (!steps)
        return -1;
    l->info->steps = steps;
    steps[l->info->nsteps++] = strdup(type->name);
    return 0;
}

static int r_add_draw(const pacer_registrar *r, const char *step, pacer_draw_fn fn)
{
    loading *l = r->host;
    int owned = 0;
    for (int i = 0; step && i < l->info->nsteps; i++)
        owned |= strcmp(l->info->steps[i], step) == 0;
    if (!fn || !owned) {
        say(l->s, "pacer: plugin %s: a draw hook for '%s' refused: %s", l->file, step ? step : "(none)",
            !fn ? "no draw function given" : "it may draw only its own step types");
        l->refused = 1;
        return -1;
    }
    plugin_set *s = l->s;
    if (grow_array((void **)&s->draws, &s->draws_cap, s->ndraws, sizeof *s->draws) < 0)
        return -1;
    s->draws[s->ndraws].step = strdup(step);
    s->draws[s->ndraws].fn = fn;
    s->ndraws++;
    return 0;
}

static void r_log(const pacer_registrar *r, int level, const char *fmt, ...)
{
    loading *l = r->host;
    strbuf b;
    sb_init(&b);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&b, fmt, ap);
    va_end(ap);
    say(l->s, "pacer: plugin %s: %s%s", l->info->name ? l->info->name : l->file,
        level >= PACER_LOG_ERROR ? "error: " : level == PACER_LOG_WARNING ? "warning: " : "", b.data ? b.data : "");
    sb_free(&b);
}

/* Undo what a refused plugin registered. */
static void unregister(plugin_set *s, plugin_info *info)
{
    registry *reg = s->reg;
    int kept = 0;
    for (int i = 0; i < reg->count; i++)
        if (reg->items[i].origin != info->name)
            reg->items[kept++] = reg->items[i];
    reg->count = kept;
    for (int i = 0; i < s->ndraws;) {
        int mine = 0;
        for (int k = 0; k < info->nsteps; k++)
            mine |= strcmp(s->draws[i].step, info->steps[k]) == 0;
        if (mine) {
            free(s->draws[i].step);
            s->draws[i] = s->draws[--s->ndraws];
        } else {
            i++;
        }
    }
}

static int valid_plugin_name(const char *n)
{
    if (!n || !*n || strlen(n) > 64)
        return 0;
    for (; *n; n++)
        if (!((*n >= 'a' && *n <= 'z') || (*n >= '0' && *n <= '9') || *n == '_' || *n == '-'))
            return 0;
    return 1;
}

int plugins_load(plugin_set *s, const char *path)
{
    char real[PATH_MAX], why[PATH_MAX + 256];
    if (!realpath(path, real)) {
        say(s, "pacer: plugin %s refused: cannot read it: %s", path, strerror(errno));
        s->failures++;
        return -1;
    }
    for (int i = 0; i < s->count; i++)
        if (strcmp(s->items[i].path, real) == 0)
            return 1; /* each file once */
    if (check_trust(path, real, why, sizeof why) < 0 || check_elf(real, why, sizeof why) < 0) {
        say(s, "pacer: plugin %s refused: %s", path, why);
        s->failures++;
        return -1;
    }
    /* RTLD_LOCAL: a plugin's symbols never clash with another's. */
    void *h = dlopen(real, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        say(s, "pacer: plugin %s refused: it cannot be loaded (%s)", path, e ? e : "unknown reason");
        s->failures++;
        return -1;
    }
    typedef const pacer_plugin *(*entry_fn)(void);
    entry_fn entry;
    *(void **)&entry = dlsym(h, PACER_PLUGIN_ENTRY_NAME);
    if (!entry) {
        for (int major = 2; major <= 9; major++) {
            char sym[64];
            snprintf(sym, sizeof sym, "pacer_plugin_entry_v%d", major);
            if (dlsym(h, sym)) {
                say(s, "pacer: plugin %s refused: it was built for plugin ABI %d; this Pacer has ABI %d", path, major,
                    PACER_ABI_MAJOR);
                s->failures++;
                return -1; /* never dlclose: see the header */
            }
        }
        if (dlsym(h, "pacer_plugin_entry_v0")) {
            say(s, "pacer: plugin %s refused: it was built for the old plugin ABI 0; rebuild it against ABI %d", path,
                PACER_ABI_MAJOR);
        } else {
            say(s, "pacer: plugin %s refused: it has no %s (is it a Pacer plugin?)", path, PACER_PLUGIN_ENTRY_NAME);
        }
        s->failures++;
        return -1;
    }
    const pacer_plugin *p = entry();
    const size_t v1_size = offsetof(pacer_plugin, init) + sizeof p->init;
    if (!p || p->size < v1_size) {
        say(s, "pacer: plugin %s refused: its description is %s", path, p ? "too small for ABI 1" : "missing");
        s->failures++;
        return -1;
    }
    if (p->abi_major != PACER_ABI_MAJOR) {
        say(s, "pacer: plugin %s refused: it was built for plugin ABI %u; this Pacer has ABI %d", path, p->abi_major,
            PACER_ABI_MAJOR);
        s->failures++;
        return -1;
    }
    if (p->abi_minor > PACER_ABI_MINOR) {
        say(s, "pacer: plugin %s refused: it needs plugin ABI %u.%u; this Pacer has %d.%d (update Pacer)", path,
            p->abi_major, p->abi_minor, PACER_ABI_MAJOR, PACER_ABI_MINOR);
        s->failures++;
        return -1;
    }
    if (!valid_plugin_name(p->name) || !p->init) {
        say(s, "pacer: plugin %s refused: %s", path,
            !p->init ? "it has no init function" : "its name must be lowercase letters, digits, - or _");
        s->failures++;
        return -1;
    }
    if (grow_array((void **)&s->items, &s->cap, s->count, sizeof *s->items) < 0)
        return -1;
    plugin_info *info = &s->items[s->count];
    memset(info, 0, sizeof *info);
    info->path = strdup(real);
    info->name = strdup(p->name);
    info->version = strdup(p->version ? p->version : "?");
    info->description = strdup(p->description ? p->description : "");
    loading l = {s, info, path, 0};
    pacer_registrar r = {sizeof r, PACER_ABI_MAJOR, PACER_ABI_MINOR, r_add_step, r_add_draw, r_log, &l};
    int rc = p->init(&r);
    if (rc != 0 || l.refused || info->nsteps == 0) {
        if (rc != 0 && !l.refused)
            say(s, "pacer: plugin %s refused: its init failed (%d)", path, rc);
        else if (!l.refused)
            say(s, "pacer: plugin %s refused: it registered no step types", path);
        unregister(s, info);
        info_free(info);
        s->failures++;
        return -1;
    }
    s->count++;
    return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int plugins_load_dir(plugin_set *s, const char *dir)
{
    char real[PATH_MAX], why[PATH_MAX + 128];
    if (!realpath(dir, real))
        return 0; /* no such folder: nothing to load */
    /* A folder others can write to is refused as a whole, before anything in it is read. */
    if (check_folders(real, why, sizeof why) < 0) {
        say(s, "pacer: plugin folder %s refused: %s", dir, why);
        s->failures++;
        return 0;
    }
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 256) {
        size_t len = strlen(e->d_name);
        if (len > 3 && strcmp(e->d_name + len - 3, ".so") == 0 && e->d_name[0] != '.')
            names[n] = strdup(e->d_name), n += names[n] != NULL;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, cmp_str); /* the same order every time */
    int loaded = 0;
    for (int i = 0; i < n; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        loaded += plugins_load(s, path) == 0;
        free(names[i]);
    }
    return loaded;
}

pacer_draw_fn plugins_draw_for(const plugin_set *s, const char *step_type)
{
    for (int i = 0; step_type && i < s->ndraws; i++)
        if (strcmp(s->draws[i].step, step_type) == 0)
            return s->draws[i].fn;
    return NULL;
}
