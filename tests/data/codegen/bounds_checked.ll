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
  %tuple = alloca [1 x i64], align 8
  %k1 = alloca i64, align 8
  %tuple5 = alloca [1 x i64], align 8
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
  store [1 x i64] %10, ptr %tuple, align 8
  %11 = getelementptr inbounds [1 x i64], ptr %tuple, i64 0, i64 0
  %12 = load i64, ptr %11, align 8
  %13 = icmp slt i64 %12, %8
  %14 = or i1 %9, %13
  br i1 %14, label %checkbounds.L6, label %checkbounds.L11

getindex.L6:                                      ; preds = %checkbounds.ret
  %15 = extractvalue { ptr, [1 x i64] } %3, 0
  %16 = load i64, ptr %k, align 8
  %17 = sub i64 %16, 1
  %18 = getelementptr inbounds float, ptr %15, i64 %17
  %19 = load float, ptr %18, align 4
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
  %20 = load i64, ptr %k1, align 8
  %21 = icmp slt i64 %20, 1
  %22 = extractvalue { ptr, [1 x i64] } %7, 1
  store [1 x i64] %22, ptr %tuple5, align 8
  %23 = getelementptr inbounds [1 x i64], ptr %tuple5, i64 0, i64 0
  %24 = load i64, ptr %23, align 8
  %25 = icmp slt i64 %24, %20
  %26 = or i1 %21, %25
  br i1 %26, label %checkbounds.L63, label %checkbounds.L114

"setindex!.L6":                                   ; preds = %checkbounds.ret2
  %27 = extractvalue { ptr, [1 x i64] } %7, 0
  %28 = load i64, ptr %k1, align 8
  %29 = sub i64 %28, 1
  %30 = getelementptr inbounds float, ptr %27, i64 %29
  store float %19, ptr %30, align 4
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
