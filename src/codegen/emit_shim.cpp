//! A reusable LLVM code-generation pipeline: LLVM's C API has no way to keep one.
//!
//! `LLVMTargetMachineEmitToMemoryBuffer` (LLVM 19, `lib/Target/TargetMachineC.cpp`,
//! `LLVMTargetMachineEmit`) builds a new `legacy::PassManager`, calls
//! `TM->addPassesToEmitFile(PM, OS, nullptr, FileType)` (about a hundred passes, with
//! their scheduling: ~1.4 M instructions), sets the module's data layout, runs the pass
//! manager once and throws it away. A `strata_emitter` does exactly the same but builds
//! the pass manager once, into a `raw_svector_ostream` over a buffer it owns, and runs it
//! on every module the worker thread emits. `src/codegen/emitter.rs` is the safe Rust
//! side; `build.rs` compiles this file (feature `llvm` only) against LLVM 19's headers.
//!
//! Why running one pass manager over a sequence of modules is sound (read in LLVM 19):
//! - The legacy pass manager calls `doInitialization(M)`/`doFinalization(M)` on every
//!   pass for every `run` (`PassManagerImpl::run`: the immutable passes, then each
//!   contained manager's passes), so per-module state is set up and torn down per run.
//! - `MachineModuleInfoWrapperPass` (created by `addPassesToEmitFile`, owning the
//!   `MCContext` the asm printer writes through): `doInitialization` calls
//!   `MMI.initialize()` and points it at the new module; `doFinalization` calls
//!   `MMI.finalize()`, which resets the `MCContext` (symbols, sections, temporary-label
//!   numbering) and frees the object-file info. Machine functions are freed per function
//!   by the `FreeMachineFunction` pass at the end of the pipeline (which also clears the
//!   MMI's last-request cache).
//! - `AsmPrinter::doInitialization` re-initializes the object-file lowering on the reset
//!   context (fresh sections) and `initSections` on the streamer; `doFinalization` calls
//!   `OutStreamer->finish()` then `OutStreamer->reset()`, clears its debug/EH handlers
//!   and owned analyses. `NVPTXAsmPrinter::doInitialization` sets `GlobalsEmitted =
//!   false`; `doFinalization` clears the NVPTX annotation cache of the module.
//! - The streamer writes through a `formatted_raw_ostream` over our `raw_svector_ostream`,
//!   which is unbuffered (so is the formatted stream over it): every byte is in `Buffer`
//!   when `run` returns, and clearing `Buffer` between runs restarts `tell()` at 0 (the
//!   ELF writer's offsets and `pwrite` fix-ups are relative to that).
//!
//! What would break reuse, and what this file does about it:
//! - `NVPTXAsmPrinter::localDecls` (shared-memory globals demoted into the one function
//!   using them, keyed by `const Function *`) is never cleared: a later module's function
//!   at a freed function's address would print the freed globals. A module with a global
//!   in address space 3 (shared/LDS) with local linkage (NVPTX's `canDemoteGlobalVar`
//!   demotes only those) is therefore emitted by a one-off pass manager; strata's own
//!   static shared arrays are external on PTX (`codegen/shared.rs`) so they are not.
//! - With debug info, `NVPTXTargetStreamer`'s section state and the DWARF handlers carry
//!   more per-module state than reviewed here: a module with `llvm.dbg.cu` is also
//!   emitted one-off (strata emits no debug info today).
//! - The pipeline reads the target machine's options when it is built: the target
//!   machine must not be reconfigured afterwards (strata never does), and it must outlive
//!   the emitter (the passes keep references to it; the Rust side holds an `Rc`).
//! - AMDGPU's and x86's printers were not reviewed line by line for LLVM 19; they are
//!   reused because `tests/all/driver.rs` (`reused_emitter_matches_the_c_api`) finds the
//!   same bytes as the C API for every example's assembly and object, in three orders.
//!   A candidate for AMDGPU state that outlives a module (not confirmed in LLVM 19's
//!   source): the target streamer's target ID (xnack/sramecc settings, derived from the
//!   module's functions' subtargets). strata never sets per-function target features,
//!   so all its modules agree on it anyway. `Target::reuses_emitter`
//!   (`src/driver/target.rs`) switches a target back to the C API path.
//! - Everything here runs on the thread that owns the target machine and the module's
//!   context (the Rust type is `!Send`).

#include "llvm-c/Core.h"
#include "llvm-c/TargetMachine.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/CodeGen.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <cstddef>
#include <memory>
#include <new>

namespace {

llvm::TargetMachine *unwrapTM(LLVMTargetMachineRef T) {
  // As `TargetMachineC.cpp` does.
  return reinterpret_cast<llvm::TargetMachine *>(T);
}

llvm::CodeGenFileType fileType(int Kind) {
  return Kind == 0 ? llvm::CodeGenFileType::AssemblyFile
                   : llvm::CodeGenFileType::ObjectFile;
}

/// Whether `M` carries state a reused pipeline does not reset (see the file comment).
bool needsFreshPipeline(const llvm::Module &M) {
  if (!M.debug_compile_units().empty())
    return true;
  for (const llvm::GlobalVariable &G : M.globals())
    if (G.getAddressSpace() == 3 && G.hasLocalLinkage())
      return true;
  return false;
}

} // namespace

struct strata_emitter {
  llvm::TargetMachine *TM;
  llvm::CodeGenFileType FileType;
  llvm::SmallVector<char, 0> Buffer;
  llvm::raw_svector_ostream OS;
  llvm::legacy::PassManager PM;

  strata_emitter(llvm::TargetMachine *TM, llvm::CodeGenFileType FileType)
      : TM(TM), FileType(FileType), OS(Buffer) {}
};

extern "C" {

/// A pipeline for `T` emitting assembly (`kind == 0`) or an object (`kind == 1`), or
/// null when the target cannot emit that file type (`addPassesToEmitFile` fails).
strata_emitter *strata_emitter_create(LLVMTargetMachineRef T, int kind) {
  llvm::TargetMachine *TM = unwrapTM(T);
  std::unique_ptr<strata_emitter> E(new (std::nothrow)
                                        strata_emitter(TM, fileType(kind)));
  if (!E)
    return nullptr;
  if (TM->addPassesToEmitFile(E->PM, E->OS, nullptr, E->FileType))
    return nullptr;
  return E.release();
}

/// Emits `M` (setting its data layout to the target machine's, as the C API does).
/// On return `*data`/`*len` are the output, valid until the next call or dispose.
void strata_emitter_run(strata_emitter *E, LLVMModuleRef M, const char **data,
                        size_t *len) {
  llvm::Module *Mod = llvm::unwrap(M);
  E->Buffer.clear();
  Mod->setDataLayout(E->TM->createDataLayout());
  if (needsFreshPipeline(*Mod)) {
    // Exactly `LLVMTargetMachineEmit`: a one-off pass manager (this cannot fail where
    // building `E->PM` succeeded: same target machine, same file type).
    llvm::legacy::PassManager Fresh;
    E->TM->addPassesToEmitFile(Fresh, E->OS, nullptr, E->FileType);
    Fresh.run(*Mod);
  } else {
    E->PM.run(*Mod);
  }
  // `raw_svector_ostream` writes straight into `Buffer` (its `flush` is deleted).
  *data = E->Buffer.data();
  *len = E->Buffer.size();
}

/// Frees the pipeline (before its target machine).
void strata_emitter_dispose(strata_emitter *E) { delete E; }

/// Drops the names of `M`'s identified struct types whose names start with `Prefix`
/// (they print as `%0`, `%1`… numbered per module). A bitcode library's named types
/// (libdevice's `%struct.uint2`) are created again at every load into a context, and
/// LLVM uniquifies their names per context (`%struct.uint2.11`), so the linked IR's
/// text depended on how many kernels the worker had compiled before
/// (`driver::compile::link_bitcode`).
void strata_unname_struct_types(LLVMModuleRef M, const char *Prefix) {
  llvm::StringRef P(Prefix);
  for (llvm::StructType *ST : llvm::unwrap(M)->getIdentifiedStructTypes())
    if (ST->hasName() && ST->getName().starts_with(P))
      ST->setName("");
}

} // extern "C"
