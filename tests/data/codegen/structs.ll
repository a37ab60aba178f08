; ModuleID = 'energies'
source_filename = "energies"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [12 x i8] c"BoundsError\00", align 1
@.str.1 = private unnamed_addr constant [9 x i8] c"getindex\00", align 1
@.str.2 = private unnamed_addr constant [18 x i8] c"prelude/arrays.jl\00", align 1

define ptx_kernel void @energies(ptr addrspace(1) %out, i64 %out.dim1, float %vx, float %vy, float %vz, float %m) {
top:
  %s = alloca float, align 4
  %"@_4" = alloca i64, align 8
  %"@_6" = alloca i64, align 8
  %tuple = alloca [3 x float], align 4
  %tuple4 = alloca [3 x float], align 4
  br label %entry

entry:                                            ; preds = %top
  %0 = addrspacecast ptr addrspace(1) %out to ptr
  %1 = insertvalue { ptr, [1 x i64] } undef, ptr %0, 0
  %2 = insertvalue [1 x i64] undef, i64 %out.dim1, 0
  %3 = insertvalue { ptr, [1 x i64] } %1, [1 x i64] %2, 1
  %4 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %5 = add i32 %4, 1
  %6 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %7 = add i32 %6, 1
  %8 = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %9 = add i32 %8, 1
  %10 = insertvalue { i32, i32, i32 } undef, i32 %5, 0
  %11 = insertvalue { i32, i32, i32 } %10, i32 %7, 1
  %12 = insertvalue { i32, i32, i32 } %11, i32 %9, 2
  %13 = insertvalue [3 x float] undef, float %vx, 0
  %14 = insertvalue [3 x float] %13, float %vy, 1
  %15 = insertvalue [3 x float] %14, float %vz, 2
  %16 = insertvalue { [3 x float], float, i1 } undef, [3 x float] %15, 0
  %17 = insertvalue { [3 x float], float, i1 } %16, float %m, 1
  %18 = insertvalue { [3 x float], float, i1 } %17, i1 true, 2
  %19 = insertvalue { i32, { [3 x float], float, i1 } } undef, i32 %5, 0
  %20 = insertvalue { i32, { [3 x float], float, i1 } } %19, { [3 x float], float, i1 } %18, 1
  br i1 true, label %energies.L16, label %energies.L20

energies.L16:                                     ; preds = %entry
  store float 0.000000e+00, ptr %s, align 4
  br i1 true, label %":.L3", label %":.L5"

energies.L20:                                     ; preds = %"setindex!.ret", %entry
  br label %energies.ret

kinetic.L6:                                       ; preds = %tuple_inbounds2, %":.ret"
  %21 = load i64, ptr %"@_6", align 8
  %22 = add i64 %33, 1
  %23 = icmp eq i64 %21, %22
  %24 = xor i1 %23, true
  br i1 %24, label %kinetic.L9, label %kinetic.L20

kinetic.L9:                                       ; preds = %kinetic.L6
  %25 = load i64, ptr %"@_6", align 8
  %26 = add i64 %25, 1
  %27 = insertvalue [2 x i64] undef, i64 %25, 0
  %28 = insertvalue [2 x i64] %27, i64 %26, 1
  store i64 %26, ptr %"@_6", align 8
  %29 = sub i64 %25, 1
  %inbounds = icmp ult i64 %29, 3
  br i1 %inbounds, label %tuple_inbounds, label %tuple_oob

kinetic.L20:                                      ; preds = %kinetic.L6
  %30 = fmul float 5.000000e-01, %m
  %31 = load float, ptr %s, align 4
  %32 = fmul float %30, %31
  br label %kinetic.ret

":.L3":                                           ; preds = %energies.L16
  store i64 3, ptr %"@_4", align 8
  br label %":.L8"

":.L5":                                           ; preds = %energies.L16
  store i64 0, ptr %"@_4", align 8
  br label %":.L8"

":.L8":                                           ; preds = %":.L5", %":.L3"
  %33 = load i64, ptr %"@_4", align 8
  %34 = insertvalue { i64, i64 } { i64 1, i64 undef }, i64 %33, 1
  br label %":.ret"

":.ret":                                          ; preds = %":.L8"
  store i64 1, ptr %"@_6", align 8
  br label %kinetic.L6

tuple_inbounds:                                   ; preds = %kinetic.L9
  store [3 x float] %15, ptr %tuple, align 4
  %35 = getelementptr inbounds [3 x float], ptr %tuple, i64 0, i64 %29
  %36 = load float, ptr %35, align 4
  %37 = sub i64 %25, 1
  %inbounds1 = icmp ult i64 %37, 3
  br i1 %inbounds1, label %tuple_inbounds2, label %tuple_oob3

tuple_oob:                                        ; preds = %kinetic.L9
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 11)
  call void @gpu_signal_exception()
  unreachable

tuple_inbounds2:                                  ; preds = %tuple_inbounds
  store [3 x float] %15, ptr %tuple4, align 4
  %38 = getelementptr inbounds [3 x float], ptr %tuple4, i64 0, i64 %37
  %39 = load float, ptr %38, align 4
  %40 = fmul float %36, %39
  %41 = load float, ptr %s, align 4
  %42 = fadd float %41, %40
  store float %42, ptr %s, align 4
  br label %kinetic.L6

tuple_oob3:                                       ; preds = %tuple_inbounds
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 11)
  call void @gpu_signal_exception()
  unreachable

kinetic.ret:                                      ; preds = %kinetic.L20
  %43 = sext i32 %5 to i64
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %kinetic.ret
  %44 = sub i64 %43, 1
  %45 = getelementptr inbounds float, ptr %0, i64 %44
  store float %32, ptr %45, align 4
  br label %"setindex!.ret"

"setindex!.ret":                                  ; preds = %"setindex!.L6"
  br label %energies.L20

energies.ret:                                     ; preds = %energies.L20
  ret void
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.z() #0

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
