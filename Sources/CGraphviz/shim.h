#ifndef DIPLOGRAPH_CGRAPHVIZ_SHIM_H
#define DIPLOGRAPH_CGRAPHVIZ_SHIM_H

// The whole of what Diplograph takes from Graphviz: the layout/render context (gvc)
// and the graph library (cgraph), plus one helper, diplograph_read_dot.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Why a custom ID discipline: cgraph's default one uses the *address* of each interned
// name as the object's ID, and keeps subgraphs ordered by ID. Cluster order in the
// output then depends on where malloc put the strings, so two renders of the same DOT
// in one process could write clusters in different orders. Here a name's ID is its
// order of first appearance (even numbers; anonymous objects get odd ones, as in
// cgraph), so the same DOT text always gives the same bytes.

typedef struct {
    char **names;        // names[i] is the name of ID 2 * (i + 1)
    size_t count;
    size_t capacity;
    uint32_t *slots;     // open addressing over names: 0 empty, else index + 1
    size_t slot_count;   // a power of two, at least twice count
    IDTYPE next_anonymous;
} diplograph_id_state;

static inline uint64_t diplograph_hash(const char *text) {
    uint64_t hash = 1469598103934665603ULL;  // FNV-1a
    for (; *text; ++text) {
        hash ^= (unsigned char)*text;
        hash *= 1099511628211ULL;
    }
    return hash;
}

static inline void *diplograph_id_open(Agraph_t *graph, Agdisc_t *disc) {
    (void)graph;
    (void)disc;
    diplograph_id_state *state = (diplograph_id_state *)calloc(1, sizeof *state);
    if (state) state->next_anonymous = 1;
    return state;
}

static inline int diplograph_id_reserve(diplograph_id_state *state) {
    if (state->count == state->capacity) {
        size_t capacity = state->capacity ? state->capacity * 2 : 64;
        char **names = (char **)realloc(state->names, capacity * sizeof *names);
        if (!names) return 0;
        state->names = names;
        state->capacity = capacity;
    }
    if ((state->count + 1) * 2 > state->slot_count) {
        size_t slot_count = state->slot_count ? state->slot_count * 2 : 128;
        uint32_t *slots = (uint32_t *)calloc(slot_count, sizeof *slots);
        if (!slots) return 0;
        for (size_t index = 0; index < state->count; ++index) {
            size_t slot = diplograph_hash(state->names[index]) & (slot_count - 1);
            while (slots[slot]) slot = (slot + 1) & (slot_count - 1);
            slots[slot] = (uint32_t)(index + 1);
        }
        free(state->slots);
        state->slots = slots;
        state->slot_count = slot_count;
    }
    return 1;
}

static inline long diplograph_id_map(void *opaque, int objtype, char *name, IDTYPE *id, int createflag) {
    diplograph_id_state *state = (diplograph_id_state *)opaque;
    (void)objtype;
    if (!state) return 0;
    if (!name) {
        *id = state->next_anonymous;
        state->next_anonymous += 2;
        return 1;
    }
    if (state->slot_count) {
        size_t slot = diplograph_hash(name) & (state->slot_count - 1);
        while (state->slots[slot]) {
            size_t index = state->slots[slot] - 1;
            if (strcmp(state->names[index], name) == 0) {
                *id = (IDTYPE)(2 * (index + 1));
                return 1;
            }
            slot = (slot + 1) & (state->slot_count - 1);
        }
    }
    if (!createflag || state->count >= UINT32_MAX - 1 || !diplograph_id_reserve(state)) return 0;
    char *copy = strdup(name);
    if (!copy) return 0;
    size_t index = state->count++;
    state->names[index] = copy;
    size_t slot = diplograph_hash(copy) & (state->slot_count - 1);
    while (state->slots[slot]) slot = (slot + 1) & (state->slot_count - 1);
    state->slots[slot] = (uint32_t)(index + 1);
    *id = (IDTYPE)(2 * (index + 1));
    return 1;
}

static inline long diplograph_id_alloc(void *state, int objtype, IDTYPE id) {
    (void)state;
    (void)objtype;
    (void)id;
    return 1;
}

// Names live until the graph is closed; deleting an object keeps its name's ID.
static inline void diplograph_id_free(void *state, int objtype, IDTYPE id) {
    (void)state;
    (void)objtype;
    (void)id;
}

static inline char *diplograph_id_print(void *opaque, int objtype, IDTYPE id) {
    diplograph_id_state *state = (diplograph_id_state *)opaque;
    (void)objtype;
    if (!state || id == 0 || id % 2 != 0) return NULL;
    size_t index = (size_t)(id / 2) - 1;
    return index < state->count ? state->names[index] : NULL;
}

static inline void diplograph_id_close(void *opaque) {
    diplograph_id_state *state = (diplograph_id_state *)opaque;
    if (!state) return;
    for (size_t index = 0; index < state->count; ++index) free(state->names[index]);
    free(state->names);
    free(state->slots);
    free(state);
}

static inline void diplograph_id_register(void *state, int objtype, void *object) {
    (void)state;
    (void)objtype;
    (void)object;
}

typedef struct {
    const char *text;
    size_t length;
    size_t offset;
} diplograph_text_channel;

// Hands cgraph's scanner one line at a time, as fgets would.
static inline int diplograph_text_read(void *opaque, char *buffer, int size) {
    diplograph_text_channel *channel = (diplograph_text_channel *)opaque;
    if (size <= 1 || channel->offset >= channel->length) return 0;
    size_t limit = (size_t)(size - 1);
    size_t count = 0;
    while (count < limit && channel->offset + count < channel->length) {
        char c = channel->text[channel->offset + count++];
        if (c == '\n') break;
    }
    memcpy(buffer, channel->text + channel->offset, count);
    buffer[count] = '\0';
    channel->offset += count;
    return (int)count;
}

/// The head node of an edge (aghead is a macro, which Swift cannot call).
static inline Agnode_t *diplograph_edge_head(Agedge_t *edge) {
    return aghead(edge);
}

/// Parses DOT text into a graph with the deterministic ID discipline above.
/// Returns NULL on a syntax error (see aglasterr). Close the graph with agclose.
static inline Agraph_t *diplograph_read_dot(const char *text, size_t length) {
    static Agiddisc_t id_discipline = {
        diplograph_id_open, diplograph_id_map, diplograph_id_alloc, diplograph_id_free,
        diplograph_id_print, diplograph_id_close, diplograph_id_register,
    };
    static Agiodisc_t io_discipline = { diplograph_text_read, NULL, NULL };
    io_discipline.putstr = AgIoDisc.putstr;
    io_discipline.flush = AgIoDisc.flush;
    Agdisc_t discipline = { &AgMemDisc, &id_discipline, &io_discipline };
    diplograph_text_channel channel = { text, length, 0 };
    return agread(&channel, &discipline);
}

#endif
