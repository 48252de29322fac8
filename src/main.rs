//! The binary Trunk builds: everything lives in the library so tests can reach it.

/// Talc in place of dlmalloc: the same job in fewer bytes of wasm for the first view. The page
/// is single-threaded, which is what this allocator assumes.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    deal_explorer::start();
}
