; ModuleID = 'copy_first'
source_filename = "copy_first"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [12 x i8] c"BoundsError\00", align 1
@.str.1 = private unnamed_addr constant [12 x i8] c"checkbounds\00", align 1
@.str.2 = private unnamed_addr constant [18 x i8] c"prelude/arrays.jl\00", align 1

define ptx_kernel void @copy_first(ptr addrspace(1) %a, i64 %a.dim1, ptr addrspace(1) %out, i64 %out.dim1) {
top:
  %k = alloca i64, align 8
  %k1 = alloca i64, align 8
  br label %entry

entry:                                            ; preds = %top
  %0 = addrspacecast ptr addrspace(1) %a to ptr
  %1 = insertvalue { ptr, [1 x i64] } undef, ptr %0, 0
  %2 = insertvalue [1 x i64] undef, i64 %a.dim1, 0
  %3 = insertvalue { ptr, [1 x i64] } %1, [1 x i64] %2, 1
  %4 = addrspacecast ptr addrspace(1) %out to ptr
  %5 = insertvalue { ptr, [1 x i64] } undef, ptr %4, 0
  %6 = insertvalue [1 x i64] undef, i64 %out.dim1, 0
  %7 = insertvalue { ptr, [1 x i64] } %5, [1 x i64] %6, 1
  store i64 1, ptr %k, align 8
  br label %getindex.L5

getindex.L5:                                      ; preds = %entry
  %8 = load i64, ptr %k, align 8
  %9 = icmp slt i64 %8, 1
  %10 = extractvalue { ptr, [1 x i64] } %3, 1
  %11 = extractvalue [1 x i64] %10, 0
  %12 = icmp slt i64 %11, %8
  %13 = or i1 %9, %12
  br i1 %13, label %checkbounds.L6, label %checkbounds.L11

getindex.L6:                                      ; preds = %checkbounds.ret
  %14 = extractvalue { ptr, [1 x i64] } %3, 0
  %15 = load i64, ptr %k, align 8
  %16 = sub i64 %15, 1
  %17 = getelementptr inbounds float, ptr %14, i64 %16
  %18 = load float, ptr %17, align 4
  br label %getindex.ret

checkbounds.L6:                                   ; preds = %getindex.L5
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 47)
  call void @gpu_signal_exception()
  unreachable

checkbounds.L11:                                  ; preds = %getindex.L5
  br label %checkbounds.ret

checkbounds.ret:                                  ; preds = %checkbounds.L11
  br label %getindex.L6

getindex.ret:                                     ; preds = %getindex.L6
  store i64 1, ptr %k1, align 8
  br label %"setindex!.L5"

"setindex!.L5":                                   ; preds = %getindex.ret
  %19 = load i64, ptr %k1, align 8
  %20 = icmp slt i64 %19, 1
  %21 = extractvalue { ptr, [1 x i64] } %7, 1
  %22 = extractvalue [1 x i64] %21, 0
  %23 = icmp slt i64 %22, %19
  %24 = or i1 %20, %23
  br i1 %24, label %checkbounds.L63, label %checkbounds.L114

"setindex!.L6":                                   ; preds = %checkbounds.ret2
  %25 = extractvalue { ptr, [1 x i64] } %7, 0
  %26 = load i64, ptr %k1, align 8
  %27 = sub i64 %26, 1
  %28 = getelementptr inbounds float, ptr %25, i64 %27
  store float %18, ptr %28, align 4
  br label %"setindex!.ret"

checkbounds.L63:                                  ; preds = %"setindex!.L5"
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 47)
  call void @gpu_signal_exception()
  unreachable

checkbounds.L114:                                 ; preds = %"setindex!.L5"
  br label %checkbounds.ret2

checkbounds.ret2:                                 ; preds = %checkbounds.L114
  br label %"setindex!.L6"

"setindex!.ret":                                  ; preds = %"setindex!.L6"
  ret void
}

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()

!nvvm.annotations = !{!0}

!0 = !{ptr @copy_first, !"kernel", i32 1}
