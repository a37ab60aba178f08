/* Embedding strata in a C program through its C API (include/strata.h): declare types,
 * define methods, dispatch, stack an overlay table, pin worlds, read errors, load Julia
 * source and compile a kernel to PTX.
 *
 * Build (after `cargo build`, which makes target/debug/libstrata.so):
 *   cc examples/c/embed.c -Iinclude -Ltarget/debug -lstrata \
 *      -Wl,-rpath,$PWD/target/debug -o target/embed_c && target/embed_c
 * `cargo test --features fuzzing --test all capi` builds and runs it and checks what it
 * prints. Every call's status is checked: CHECK prints the message and exits on failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strata.h"

#define CHECK(call)                                                            \
    do {                                                                       \
        StrataStatus status_ = (call);                                         \
        if (status_ != STRATA_OK) {                                            \
            fprintf(stderr, "%s failed: %s: %s\n", #call,                      \
                    strata_status_name(status_), strata_last_error());         \
            exit(1);                                                           \
        }                                                                      \
    } while (0)

static void print_method(StrataEngine e, const char *what, StrataMethod m) {
    StrataBuffer sig = {0};
    CHECK(strata_method_signature(e, m, &sig));
    printf("%s -> %s\n", what, (const char *)sig.data);
    strata_buffer_free(&sig);
}

int main(void) {
    /* 1. The dispatch core: types in Julia syntax, methods as signatures. */
    StrataEngine e = 0;
    CHECK(strata_engine_new(0, &e));
    CHECK(strata_declare(e, "abstract type Shape end\n"
                            "struct Circle <: Shape end\n"
                            "struct Square <: Shape end"));
    StrataMethod generic, circle, found;
    StrataWorld w1, w2;
    CHECK(strata_define(e, "area", "Tuple{Shape}", NULL, &generic, &w1));
    CHECK(strata_define(e, "area", "Tuple{Circle}", NULL, &circle, &w2));
    StrataType circle_t, square_t;
    CHECK(strata_type_parse(e, "Circle", &circle_t));
    CHECK(strata_type_parse(e, "Square", &square_t));
    CHECK(strata_dispatch(e, "area", &circle_t, 1, NULL, 0, STRATA_WORLD_CURRENT, &found));
    print_method(e, "area(Circle())", found);
    CHECK(strata_dispatch(e, "area", &square_t, 1, NULL, 0, STRATA_WORLD_CURRENT, &found));
    print_method(e, "area(Square())", found);

    /* 2. Worlds: an old world keeps its answer after a redefinition. */
    CHECK(strata_dispatch(e, "area", &circle_t, 1, NULL, 0, w1, &found));
    print_method(e, "area(Circle()) in the first world", found);
    StrataWorld now;
    CHECK(strata_world(e, &now));
    printf("world %llu\n", (unsigned long long)now);

    /* 3. An overlay table stacked on the global one: only its view sees it. */
    StrataMethod gpu_square;
    CHECK(strata_define(e, "area", "Tuple{Square}", "GPU", &gpu_square, NULL));
    const char *gpu[] = {"GPU"};
    CHECK(strata_dispatch(e, "area", &square_t, 1, gpu, 1, STRATA_WORLD_CURRENT, &found));
    print_method(e, "area(Square()) through [GPU, global]", found);
    StrataMethod all[8];
    size_t count = 0;
    bool ambiguous = false;
    CHECK(strata_findall(e, "area", "Tuple{Shape}", gpu, 1, STRATA_WORLD_CURRENT, all, 8,
                         &count, &ambiguous));
    printf("findall(area, Tuple{Shape}) through [GPU, global]: %zu matches\n", count);
    for (size_t i = 0; i < count && i < 8; i++) print_method(e, "  match", all[i]);

    /* 4. Errors are codes plus a message that says what to do. */
    CHECK(strata_define(e, "combine", "Tuple{Circle, Shape}", NULL, NULL, NULL));
    CHECK(strata_define(e, "combine", "Tuple{Shape, Circle}", NULL, NULL, NULL));
    StrataType two_circles[2] = {circle_t, circle_t};
    StrataStatus s = strata_dispatch(e, "combine", two_circles, 2, NULL, 0,
                                     STRATA_WORLD_CURRENT, &found);
    printf("combine(Circle(), Circle()): %s\n", strata_status_name(s));
    printf("%s\n", strata_last_error());
    s = strata_type_parse(e, "Tuple{Circle", &circle_t);
    printf("parse `Tuple{Circle`: %s\n", strata_status_name(s));
    CHECK(strata_engine_free(e));
    s = strata_world(e, &now);
    printf("a freed engine: %s\n", strata_status_name(s));

    /* 5. Kernels: an engine with the prelude loads Julia source and compiles to PTX. */
    StrataEngine k = 0;
    CHECK(strata_engine_new(STRATA_ENGINE_PRELUDE, &k));
    CHECK(strata_load_source(
        k, "saxpy.jl",
        "@kernel function saxpy(a::Float32, x::DeviceArray{Float32,1}, "
        "y::DeviceArray{Float32,1})\n"
        "    i = (blockIdx().x - Int32(1)) * blockDim().x + threadIdx().x\n"
        "    if i <= length(y)\n"
        "        @inbounds y[i] = a * x[i] + y[i]\n"
        "    end\n"
        "    return\n"
        "end\n",
        NULL, NULL));
    StrataType args[3];
    CHECK(strata_type_parse(k, "Float32", &args[0]));
    CHECK(strata_type_parse(k, "DeviceArray{Float32,1}", &args[1]));
    args[2] = args[1];
    StrataBuffer ptx = {0};
    s = strata_compile(k, "saxpy", args, 3, STRATA_TARGET_PTX, NULL, STRATA_EMIT_ASM, &ptx);
    if (s == STRATA_UNSUPPORTED) {
        printf("saxpy: no code generation in this build\n");
    } else {
        CHECK(s);
        printf("saxpy: PTX has an entry: %s\n",
               strstr((const char *)ptx.data, ".entry") ? "yes" : "no");
        strata_buffer_free(&ptx);
    }
    CHECK(strata_engine_free(k));
    return 0;
}
