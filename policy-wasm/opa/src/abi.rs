//! The OPA-wasm ABI exports, the host-driven bump allocator and the Kubewarden metadata section.
//! The only module of the crate with unsafe code: addresses cross the wasm boundary as i32.
//!
//! Memory model (docs/opa-abi.md, "Memory and ownership"): the host owns the heap pointer. It saves it
//! after loading data and sets it back before every evaluation (or passes it to `opa_eval`), and
//! on the fast path it writes the input at the old pointer itself. So every Rust allocation comes
//! from a bump region that starts at that pointer; nothing allocated during one evaluation
//! outlives it.
//!
//! Layout: static data from 1024, then a 1 MiB stack (`--no-stack-first`), then `__heap_base`.
//! The declared memory minimum covers only the data (2 pages, what opa-py-wasm provides;
//! `cargo xtask policy` lowers it after linking), so every export is a frameless wrapper that
//! first grows the memory over the stack (`stack_ready`); the xtask checks that no export body
//! touches `__stack_pointer`.
#![allow(unsafe_code)]

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;

use crate::{BUILTINS, OPA_ERR_INTERNAL};

// SAFETY: a custom section holding plain bytes; nothing reads it at run time.
#[unsafe(link_section = "io.kubewarden.metadata")]
#[used]
static KUBEWARDEN_METADATA: [u8; include_bytes!("../../metadata/opa.json").len()] = *include_bytes!("../../metadata/opa.json");

unsafe extern "C" {
    /// First free byte after the data segment and the stack (set by wasm-ld).
    static __heap_base: u8;
}

#[link(wasm_import_module = "env")]
unsafe extern "C" {
    /// Host error with a NUL-terminated message (npm throws it; Go returns an error).
    fn opa_abort(addr: *const u8);
}

// ---- allocator --------------------------------------------------------------------------------

const PAGE: u64 = 65536;

/// Next free byte; 0 until first use (then `__heap_base`).
static mut HEAP: usize = 0;
/// The lowest address the allocator may hand back on free: the host's last heap pointer. Bytes
/// below it belong to the host (its data, or the input it wrote) and are never reused.
static mut FLOOR: usize = 0;

/// The stack sits between the static data and `__heap_base` (linked with `--no-stack-first`) so
/// that the declared memory minimum covers only the data: opa-py-wasm gives the module 2 pages.
/// The first call grows the memory over the stack; later calls find it there.
#[inline(always)]
fn stack_ready() {
    let top = core::ptr::addr_of!(__heap_base) as usize as u64;
    if (wasm32::memory_size(0) as u64) * PAGE < top {
        ensure(top as usize);
    }
}

fn heap() -> usize {
    // SAFETY: wasm32-unknown-unknown is single-threaded; HEAP is only touched on this thread.
    unsafe {
        if HEAP == 0 {
            HEAP = core::ptr::addr_of!(__heap_base) as usize;
            FLOOR = HEAP;
        }
        HEAP
    }
}

fn set_heap(addr: usize) {
    // SAFETY: single-threaded (see `heap`).
    unsafe {
        HEAP = addr;
        FLOOR = addr;
    }
}

/// Make sure memory reaches `end`, growing it; on failure ask the host to abort with a message.
fn ensure(end: usize) -> bool {
    let have = wasm32::memory_size(0) as u64 * PAGE;
    let end = end as u64;
    if end <= have {
        return true;
    }
    let pages = (end - have).div_ceil(PAGE) as usize;
    if wasm32::memory_grow(0, pages) != usize::MAX {
        return true;
    }
    abort(b"everynode: out of memory (the wasm memory could not grow)\0");
    false
}

fn abort(msg_nul: &'static [u8]) {
    // SAFETY: `msg_nul` is a NUL-terminated static string, readable by the host.
    unsafe { opa_abort(msg_nul.as_ptr()) }
}

struct Bump;

// SAFETY: returns aligned, unused memory inside the linear memory, or null on exhaustion.
unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let align = l.align().max(1);
        let Some(start) = heap().checked_add(align - 1).map(|s| s & !(align - 1)) else { return core::ptr::null_mut() };
        let Some(end) = start.checked_add(l.size()) else { return core::ptr::null_mut() };
        if !ensure(end) {
            return core::ptr::null_mut();
        }
        // SAFETY: single-threaded (see `heap`).
        unsafe { HEAP = end };
        start as *mut u8
    }

    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        // Give back the top block (most Vec/String growth patterns end here).
        let p = p as usize;
        // SAFETY: single-threaded (see `heap`).
        unsafe {
            if p >= FLOOR && p + l.size() == HEAP {
                HEAP = p;
            }
        }
    }

    unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
        let addr = p as usize;
        // SAFETY: single-threaded (see `heap`). Growing the top block in place keeps its bytes.
        unsafe {
            if addr >= FLOOR && addr + l.size() == HEAP {
                let Some(end) = addr.checked_add(new_size) else { return core::ptr::null_mut() };
                if !ensure(end) {
                    return core::ptr::null_mut();
                }
                HEAP = end;
                return p;
            }
            let Ok(nl) = Layout::from_size_align(new_size, l.align()) else { return core::ptr::null_mut() };
            let q = self.alloc(nl);
            if !q.is_null() {
                core::ptr::copy_nonoverlapping(p, q, l.size().min(new_size));
            }
            q
        }
    }
}

#[global_allocator]
static ALLOC: Bump = Bump;

// ---- values -------------------------------------------------------------------------------------

/// A value handle: the host only passes it back. `json` is NUL-terminated, `len` excludes the NUL.
#[repr(C)]
struct Val {
    tag: u32,
    json: *const u8,
    len: usize,
}

// SAFETY: the raw pointer is only read on the module's single thread.
unsafe impl Sync for Val {}

const PLAIN: u32 = 0;
/// A result set: dumped as a JSON array by `opa_json_dump`, as a Rego set by `opa_value_dump`.
const RESULT_SET: u32 = 1;

fn leak_cstr(mut bytes: Vec<u8>) -> (*const u8, usize) {
    let len = bytes.len();
    bytes.push(0);
    (Box::leak(bytes.into_boxed_slice()).as_ptr(), len)
}

fn new_val(tag: u32, json: Vec<u8>) -> i32 {
    let (json, len) = leak_cstr(json);
    Box::leak(Box::new(Val { tag, json, len })) as *mut Val as i32
}

/// The bytes of a value (empty for 0).
fn val_bytes(v: i32) -> &'static [u8] {
    if v == 0 {
        return &[];
    }
    // SAFETY: hosts pass back handles this module returned; each points at a leaked `Val` whose
    // `json`/`len` describe a leaked buffer.
    unsafe {
        let v = &*(v as *const Val);
        core::slice::from_raw_parts(v.json, v.len)
    }
}

fn val_tag(v: i32) -> u32 {
    // SAFETY: as in `val_bytes`.
    if v == 0 { PLAIN } else { unsafe { (*(v as *const Val)).tag } }
}

fn set_val(v: i32, json: Vec<u8>) {
    let (ptr, len) = leak_cstr(json);
    // SAFETY: as in `val_bytes`; the handle's header is updated in place.
    unsafe {
        let v = &mut *(v as *mut Val);
        v.json = ptr;
        v.len = len;
    }
}

/// Bytes the host wrote at `addr..addr+len`.
fn host_bytes(addr: i32, len: i32) -> &'static [u8] {
    if addr == 0 || len <= 0 {
        return &[];
    }
    // SAFETY: the host wrote `len` bytes at `addr` in this memory before the call.
    unsafe { core::slice::from_raw_parts(addr as usize as *const u8, len as usize) }
}

static BUILTINS_NUL: &str = "{}\0";
static NULL_NUL: &[u8] = b"null\0";

fn install_panic_hook() {
    static mut DONE: bool = false;
    // SAFETY: single-threaded (see `heap`).
    unsafe {
        if DONE {
            return;
        }
        DONE = true;
    }
    // A zero-sized hook: no heap allocation that a later heap reset could overwrite.
    std::panic::set_hook(Box::new(panic_hook));
}

fn panic_hook(info: &std::panic::PanicHookInfo<'_>) {
    let mut msg = format!("everynode: internal error: {info}").into_bytes();
    msg.retain(|b| *b != 0);
    msg.push(0);
    // SAFETY: NUL-terminated buffer in this memory; the host throws/returns an error.
    unsafe { opa_abort(msg.as_ptr()) }
}

// ---- exports ------------------------------------------------------------------------------------

#[inline(never)]
fn opa_malloc_impl(size: i32) -> i32 {
    let Ok(l) = Layout::from_size_align((size.max(1)) as usize, 8) else { return 0 };
    // SAFETY: non-zero size layout.
    unsafe { ALLOC.alloc(l) as i32 }
}

#[inline(never)]
fn opa_free_impl(_addr: i32) {}

#[inline(never)]
fn opa_json_parse_impl(addr: i32, len: i32) -> i32 {
    let bytes = host_bytes(addr, len);
    if !crate::json_ok(bytes) {
        return 0;
    }
    new_val(PLAIN, bytes.to_vec())
}

/// Rego value text: for the objects, strings and numbers the hosts send it is JSON.
#[inline(never)]
fn opa_value_parse_impl(addr: i32, len: i32) -> i32 {
    opa_json_parse_impl(addr, len)
}

#[inline(never)]
fn opa_json_dump_impl(value: i32) -> i32 {
    if value == 0 {
        return NULL_NUL.as_ptr() as i32;
    }
    // SAFETY: as in `val_bytes`.
    unsafe { (*(value as *const Val)).json as i32 }
}

#[inline(never)]
fn opa_value_dump_impl(value: i32) -> i32 {
    if val_tag(value) == RESULT_SET { leak_cstr(crate::rego_set_literal(val_bytes(value))).0 as i32 } else { opa_json_dump_impl(value) }
}

#[inline(never)]
fn opa_heap_ptr_get_impl() -> i32 {
    heap() as i32
}

#[inline(never)]
fn opa_heap_ptr_set_impl(addr: i32) {
    set_heap(addr as u32 as usize);
}

#[inline(never)]
fn builtins_impl() -> i32 {
    static V: Val = Val { tag: PLAIN, json: BUILTINS_NUL.as_ptr(), len: BUILTINS.len() };
    &V as *const Val as i32
}

#[inline(never)]
fn entrypoints_impl() -> i32 {
    static V: Val = Val { tag: PLAIN, json: crate::ENTRYPOINTS_NUL.as_ptr(), len: crate::ENTRYPOINTS_NUL.len() - 1 };
    &V as *const Val as i32
}

#[repr(C)]
struct Ctx {
    input: i32,
    data: i32,
    entrypoint: i32,
    result: i32,
}

fn ctx<'a>(c: i32) -> Option<&'a mut Ctx> {
    // SAFETY: hosts pass back the handle `opa_eval_ctx_new` returned (0 is refused).
    if c == 0 { None } else { Some(unsafe { &mut *(c as *mut Ctx) }) }
}

#[inline(never)]
fn opa_eval_ctx_new_impl() -> i32 {
    Box::leak(Box::new(Ctx { input: 0, data: 0, entrypoint: 0, result: 0 })) as *mut Ctx as i32
}

#[inline(never)]
fn opa_eval_ctx_set_input_impl(c: i32, v: i32) {
    if let Some(c) = ctx(c) {
        c.input = v;
    }
}

#[inline(never)]
fn opa_eval_ctx_set_data_impl(c: i32, v: i32) {
    if let Some(c) = ctx(c) {
        c.data = v;
    }
}

#[inline(never)]
fn opa_eval_ctx_set_entrypoint_impl(c: i32, ep: i32) {
    if let Some(c) = ctx(c) {
        c.entrypoint = ep;
    }
}

#[inline(never)]
fn eval_impl(c: i32) -> i32 {
    install_panic_hook();
    let Some(c) = ctx(c) else { return OPA_ERR_INTERNAL };
    let input = if c.input == 0 { None } else { Some(val_bytes(c.input)) };
    let data = if c.data == 0 { None } else { Some(val_bytes(c.data)) };
    let out = crate::evaluate(c.entrypoint, input, data);
    c.result = new_val(RESULT_SET, out);
    0
}

#[inline(never)]
fn opa_eval_ctx_get_result_impl(c: i32) -> i32 {
    ctx(c).map(|c| c.result).unwrap_or(0)
}

/// ABI 1.2 one-shot evaluation. The host wrote the input (raw JSON, not NUL-terminated) at
/// `input_addr`; allocation continues at `heap_ptr`. `format` 0 = JSON, 1 = Rego value text.
#[inline(never)]
fn opa_eval_impl(_reserved: i32, entrypoint: i32, data: i32, input_addr: i32, input_len: i32, heap_ptr: i32, format: i32) -> i32 {
    install_panic_hook();
    set_heap(heap_ptr as u32 as usize);
    let input = if input_addr == 0 { None } else { Some(host_bytes(input_addr, input_len)) };
    let data = if data == 0 { None } else { Some(val_bytes(data)) };
    let out = crate::evaluate(entrypoint, input, data);
    let out = if format == 1 { crate::rego_set_literal(&out) } else { out };
    leak_cstr(out).0 as i32
}

// Called by the OPA Go SDK around data updates; the bump heap needs no bookkeeping for them.
#[inline(never)]
fn opa_value_free_impl(_v: i32) {}
#[inline(never)]
fn opa_heap_blocks_stash_impl() {}
#[inline(never)]
fn opa_heap_blocks_restore_impl() {}
#[inline(never)]
fn opa_heap_stash_clear_impl() {}

#[inline(never)]
fn opa_value_add_path_impl(base: i32, path: i32, value: i32) -> i32 {
    if base == 0 || path == 0 || value == 0 {
        return crate::OPA_ERR_INVALID_TYPE;
    }
    match crate::add_path(val_bytes(base), val_bytes(path), val_bytes(value)) {
        Ok(json) => {
            set_val(base, json);
            0
        }
        Err(code) => code,
    }
}

#[inline(never)]
fn opa_value_remove_path_impl(base: i32, path: i32) -> i32 {
    if base == 0 || path == 0 {
        return crate::OPA_ERR_INVALID_TYPE;
    }
    match crate::remove_path(val_bytes(base), val_bytes(path)) {
        Ok(json) => {
            set_val(base, json);
            0
        }
        Err(code) => code,
    }
}

// ---- the exported symbols -------------------------------------------------------------------

/// Each export is a frameless wrapper: it makes sure the memory covers the stack (which lies
/// above the static data, beyond the initial memory; see `stack_ready`) before calling into code
/// that uses it. `cargo xtask policy` checks that no export body touches `__stack_pointer`.
macro_rules! exports {
    ($(fn $name:ident($($arg:ident: $ty:ty),*) $(-> $ret:ty)? => $imp:ident;)*) => {
        $(
            #[unsafe(no_mangle)]
            pub extern "C" fn $name($($arg: $ty),*) $(-> $ret)? {
                stack_ready();
                $imp($($arg),*)
            }
        )*
    };
}

exports! {
    fn opa_malloc(size: i32) -> i32 => opa_malloc_impl;
    fn opa_free(_addr: i32) => opa_free_impl;
    fn opa_json_parse(addr: i32, len: i32) -> i32 => opa_json_parse_impl;
    fn opa_value_parse(addr: i32, len: i32) -> i32 => opa_value_parse_impl;
    fn opa_json_dump(value: i32) -> i32 => opa_json_dump_impl;
    fn opa_value_dump(value: i32) -> i32 => opa_value_dump_impl;
    fn opa_heap_ptr_get() -> i32 => opa_heap_ptr_get_impl;
    fn opa_heap_ptr_set(addr: i32) => opa_heap_ptr_set_impl;
    fn builtins() -> i32 => builtins_impl;
    fn entrypoints() -> i32 => entrypoints_impl;
    fn opa_eval_ctx_new() -> i32 => opa_eval_ctx_new_impl;
    fn opa_eval_ctx_set_input(c: i32, v: i32) => opa_eval_ctx_set_input_impl;
    fn opa_eval_ctx_set_data(c: i32, v: i32) => opa_eval_ctx_set_data_impl;
    fn opa_eval_ctx_set_entrypoint(c: i32, ep: i32) => opa_eval_ctx_set_entrypoint_impl;
    fn eval(c: i32) -> i32 => eval_impl;
    fn opa_eval_ctx_get_result(c: i32) -> i32 => opa_eval_ctx_get_result_impl;
    fn opa_eval(_reserved: i32, entrypoint: i32, data: i32, input_addr: i32, input_len: i32, heap_ptr: i32, format: i32) -> i32 => opa_eval_impl;
    fn opa_value_free(_v: i32) => opa_value_free_impl;
    fn opa_heap_blocks_stash() => opa_heap_blocks_stash_impl;
    fn opa_heap_blocks_restore() => opa_heap_blocks_restore_impl;
    fn opa_heap_stash_clear() => opa_heap_stash_clear_impl;
    fn opa_value_add_path(base: i32, path: i32, value: i32) -> i32 => opa_value_add_path_impl;
    fn opa_value_remove_path(base: i32, path: i32) -> i32 => opa_value_remove_path_impl;
}
