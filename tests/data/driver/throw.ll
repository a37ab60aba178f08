; A hand-built kernel in codegen's shape that calls every runtime function. The test
; substitutes CC (the kernel calling convention) and AS (the global address space).
@name = private unnamed_addr constant [12 x i8] c"BoundsError\00"
@fn = private unnamed_addr constant [2 x i8] c"k\00"
@file = private unnamed_addr constant [5 x i8] c"k.jl\00"

declare void @gpu_report_exception_name(ptr)
declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)
declare void @gpu_report_exception(ptr)
declare void @gpu_report_oom(i64)
declare void @gpu_signal_exception()
declare ptr @gpu_malloc(i64)

define CC void @k(ptr addrspace(AS) %p, i64 %n) {
entry:
  %c = icmp sgt i64 %n, 100
  br i1 %c, label %throw, label %ok
throw:
  call void @gpu_report_exception(ptr @name)
  call void @gpu_report_exception_name(ptr @name)
  call void @gpu_report_exception_frame(i32 1, ptr @fn, ptr @file, i32 3)
  call void @gpu_signal_exception()
  unreachable
ok:
  %q = call ptr @gpu_malloc(i64 %n)
  %null = icmp eq ptr %q, null
  br i1 %null, label %oom, label %store
oom:
  call void @gpu_report_oom(i64 %n)
  br label %store
store:
  %x = load float, ptr addrspace(AS) %p
  %y = fmul float %x, 2.0
  %z = fadd float %y, 1.0
  store float %z, ptr addrspace(AS) %p
  ret void
}
