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
  %13 = extractvalue { i32, i32, i32 } %12, 0
  %14 = insertvalue [3 x float] undef, float %vx, 0
  %15 = insertvalue [3 x float] %14, float %vy, 1
  %16 = insertvalue [3 x float] %15, float %vz, 2
  %17 = insertvalue { [3 x float], float, i1 } undef, [3 x float] %16, 0
  %18 = insertvalue { [3 x float], float, i1 } %17, float %m, 1
  %19 = insertvalue { [3 x float], float, i1 } %18, i1 true, 2
  %20 = insertvalue { i32, { [3 x float], float, i1 } } undef, i32 %13, 0
  %21 = insertvalue { i32, { [3 x float], float, i1 } } %20, { [3 x float], float, i1 } %19, 1
  %22 = extractvalue { i32, { [3 x float], float, i1 } } %21, 0
  %23 = extractvalue { i32, { [3 x float], float, i1 } } %21, 1
  %24 = extractvalue { [3 x float], float, i1 } %23, 2
  br i1 %24, label %energies.L16, label %energies.L20

energies.L16:                                     ; preds = %entry
  %25 = extractvalue { [3 x float], float, i1 } %19, 0
  store float 0.000000e+00, ptr %s, align 4
  br i1 true, label %":.L3", label %":.L5"

energies.L20:                                     ; preds = %"setindex!.ret", %entry
  br label %energies.ret

kinetic.L6:                                       ; preds = %tuple_inbounds2, %":.ret"
  %26 = load i64, ptr %"@_6", align 8
  %27 = extractvalue { i64, i64 } %43, 1
  %28 = add i64 %27, 1
  %29 = icmp eq i64 %26, %28
  %30 = xor i1 %29, true
  br i1 %30, label %kinetic.L9, label %kinetic.L20

kinetic.L9:                                       ; preds = %kinetic.L6
  %31 = load i64, ptr %"@_6", align 8
  %32 = add i64 %31, 1
  %33 = insertvalue [2 x i64] undef, i64 %31, 0
  %34 = insertvalue [2 x i64] %33, i64 %32, 1
  %35 = extractvalue [2 x i64] %34, 0
  %36 = extractvalue [2 x i64] %34, 1
  store i64 %36, ptr %"@_6", align 8
  %37 = sub i64 %35, 1
  %inbounds = icmp ult i64 %37, 3
  br i1 %inbounds, label %tuple_inbounds, label %tuple_oob

kinetic.L20:                                      ; preds = %kinetic.L6
  %38 = extractvalue { [3 x float], float, i1 } %23, 1
  %39 = fmul float 5.000000e-01, %38
  %40 = load float, ptr %s, align 4
  %41 = fmul float %39, %40
  br label %kinetic.ret

":.L3":                                           ; preds = %energies.L16
  store i64 3, ptr %"@_4", align 8
  br label %":.L8"

":.L5":                                           ; preds = %energies.L16
  store i64 0, ptr %"@_4", align 8
  br label %":.L8"

":.L8":                                           ; preds = %":.L5", %":.L3"
  %42 = load i64, ptr %"@_4", align 8
  %43 = insertvalue { i64, i64 } { i64 1, i64 undef }, i64 %42, 1
  br label %":.ret"

":.ret":                                          ; preds = %":.L8"
  %44 = extractvalue { i64, i64 } %43, 0
  store i64 %44, ptr %"@_6", align 8
  br label %kinetic.L6

tuple_inbounds:                                   ; preds = %kinetic.L9
  store [3 x float] %25, ptr %tuple, align 4
  %45 = getelementptr inbounds [3 x float], ptr %tuple, i64 0, i64 %37
  %46 = load float, ptr %45, align 4
  %47 = sub i64 %35, 1
  %inbounds1 = icmp ult i64 %47, 3
  br i1 %inbounds1, label %tuple_inbounds2, label %tuple_oob3

tuple_oob:                                        ; preds = %kinetic.L9
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 11)
  call void @gpu_signal_exception()
  unreachable

tuple_inbounds2:                                  ; preds = %tuple_inbounds
  store [3 x float] %25, ptr %tuple4, align 4
  %48 = getelementptr inbounds [3 x float], ptr %tuple4, i64 0, i64 %47
  %49 = load float, ptr %48, align 4
  %50 = fmul float %46, %49
  %51 = load float, ptr %s, align 4
  %52 = fadd float %51, %50
  store float %52, ptr %s, align 4
  br label %kinetic.L6

tuple_oob3:                                       ; preds = %tuple_inbounds
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 11)
  call void @gpu_signal_exception()
  unreachable

kinetic.ret:                                      ; preds = %kinetic.L20
  %53 = sext i32 %22 to i64
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %kinetic.ret
  %54 = extractvalue { ptr, [1 x i64] } %3, 0
  %55 = sub i64 %53, 1
  %56 = getelementptr inbounds float, ptr %54, i64 %55
  store float %41, ptr %56, align 4
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

!nvvm.annotations = !{!0}

!0 = !{ptr @energies, !"kernel", i32 1}
