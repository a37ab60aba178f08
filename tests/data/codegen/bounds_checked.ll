; ModuleID = 'copy_first'
source_filename = "copy_first"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [12 x i8] c"BoundsError\00", align 1
@.str.1 = private unnamed_addr constant [12 x i8] c"checkbounds\00", align 1
@.str.2 = private unnamed_addr constant [18 x i8] c"prelude/arrays.jl\00", align 1

define ptx_kernel void @copy_first(ptr addrspace(1) %a, i64 %a.dim1, ptr addrspace(1) %out, i64 %out.dim1) {
top:
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
  br label %getindex.L5

getindex.L5:                                      ; preds = %entry
  %8 = icmp slt i64 %a.dim1, 1
  %9 = or i1 false, %8
  br i1 %9, label %checkbounds.L6, label %checkbounds.L11

getindex.L6:                                      ; preds = %checkbounds.ret
  %10 = getelementptr inbounds float, ptr %0, i64 0
  %11 = load float, ptr %10, align 4
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
  br label %"setindex!.L5"

"setindex!.L5":                                   ; preds = %getindex.ret
  %12 = icmp slt i64 %out.dim1, 1
  %13 = or i1 false, %12
  br i1 %13, label %checkbounds.L62, label %checkbounds.L113

"setindex!.L6":                                   ; preds = %checkbounds.ret1
  %14 = getelementptr inbounds float, ptr %4, i64 0
  store float %11, ptr %14, align 4
  br label %"setindex!.ret"

checkbounds.L62:                                  ; preds = %"setindex!.L5"
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 47)
  call void @gpu_signal_exception()
  unreachable

checkbounds.L113:                                 ; preds = %"setindex!.L5"
  br label %checkbounds.ret1

checkbounds.ret1:                                 ; preds = %checkbounds.L113
  br label %"setindex!.L6"

"setindex!.ret":                                  ; preds = %"setindex!.L6"
  ret void
}

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()
