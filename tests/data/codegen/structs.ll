; ModuleID = 'energies'
source_filename = "energies"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [12 x i8] c"BoundsError\00", align 1
@.str.1 = private unnamed_addr constant [9 x i8] c"getindex\00", align 1
@.str.2 = private unnamed_addr constant [18 x i8] c"prelude/arrays.jl\00", align 1

define ptx_kernel void @energies(ptr addrspace(1) %out, i64 %out.dim1, float %vx, float %vy, float %vz, float %m) {
top:
  %i = alloca i32, align 4
  %p = alloca { [3 x float], float, i1 }, align 8
  %pair = alloca { i32, { [3 x float], float, i1 } }, align 8
  %j = alloca i32, align 4
  %q = alloca { [3 x float], float, i1 }, align 8
  %s = alloca float, align 4
  %"@_4" = alloca i64, align 8
  %"@_5" = alloca { i64, i64 }, align 8
  %"@_6" = alloca i64, align 8
  %d = alloca i64, align 8
  %tuple = alloca [3 x float], align 4
  %tuple4 = alloca [3 x float], align 4
  %k = alloca i64, align 8
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
  store i32 %13, ptr %i, align 4
  %14 = insertvalue [3 x float] undef, float %vx, 0
  %15 = insertvalue [3 x float] %14, float %vy, 1
  %16 = insertvalue [3 x float] %15, float %vz, 2
  %17 = insertvalue { [3 x float], float, i1 } undef, [3 x float] %16, 0
  %18 = insertvalue { [3 x float], float, i1 } %17, float %m, 1
  %19 = insertvalue { [3 x float], float, i1 } %18, i1 true, 2
  store { [3 x float], float, i1 } %19, ptr %p, align 4
  %20 = load i32, ptr %i, align 4
  %21 = load { [3 x float], float, i1 }, ptr %p, align 4
  %22 = insertvalue { i32, { [3 x float], float, i1 } } undef, i32 %20, 0
  %23 = insertvalue { i32, { [3 x float], float, i1 } } %22, { [3 x float], float, i1 } %21, 1
  store { i32, { [3 x float], float, i1 } } %23, ptr %pair, align 4
  %24 = load { i32, { [3 x float], float, i1 } }, ptr %pair, align 4
  %25 = extractvalue { i32, { [3 x float], float, i1 } } %24, 0
  store i32 %25, ptr %j, align 4
  %26 = extractvalue { i32, { [3 x float], float, i1 } } %24, 1
  store { [3 x float], float, i1 } %26, ptr %q, align 4
  %27 = load { [3 x float], float, i1 }, ptr %q, align 4
  %28 = extractvalue { [3 x float], float, i1 } %27, 2
  br i1 %28, label %energies.L16, label %energies.L20

energies.L16:                                     ; preds = %entry
  %29 = load { [3 x float], float, i1 }, ptr %p, align 4
  %30 = extractvalue { [3 x float], float, i1 } %29, 0
  %31 = load { [3 x float], float, i1 }, ptr %q, align 4
  store float 0.000000e+00, ptr %s, align 4
  br i1 true, label %":.L3", label %":.L5"

energies.L20:                                     ; preds = %"setindex!.ret", %entry
  br label %energies.ret

kinetic.L6:                                       ; preds = %tuple_inbounds2, %":.ret"
  %32 = load { i64, i64 }, ptr %"@_5", align 8
  %33 = load i64, ptr %"@_6", align 8
  %34 = extractvalue { i64, i64 } %32, 1
  %35 = add i64 %34, 1
  %36 = icmp eq i64 %33, %35
  %37 = xor i1 %36, true
  br i1 %37, label %kinetic.L9, label %kinetic.L20

kinetic.L9:                                       ; preds = %kinetic.L6
  %38 = load { i64, i64 }, ptr %"@_5", align 8
  %39 = load i64, ptr %"@_6", align 8
  %40 = add i64 %39, 1
  %41 = insertvalue [2 x i64] undef, i64 %39, 0
  %42 = insertvalue [2 x i64] %41, i64 %40, 1
  %43 = extractvalue [2 x i64] %42, 0
  %44 = extractvalue [2 x i64] %42, 1
  store i64 %43, ptr %d, align 8
  store i64 %44, ptr %"@_6", align 8
  %45 = load i64, ptr %d, align 8
  %46 = sub i64 %45, 1
  %inbounds = icmp ult i64 %46, 3
  br i1 %inbounds, label %tuple_inbounds, label %tuple_oob

kinetic.L20:                                      ; preds = %kinetic.L6
  %47 = extractvalue { [3 x float], float, i1 } %31, 1
  %48 = fmul float 5.000000e-01, %47
  %49 = load float, ptr %s, align 4
  %50 = fmul float %48, %49
  br label %kinetic.ret

":.L3":                                           ; preds = %energies.L16
  store i64 3, ptr %"@_4", align 8
  br label %":.L8"

":.L5":                                           ; preds = %energies.L16
  store i64 0, ptr %"@_4", align 8
  br label %":.L8"

":.L8":                                           ; preds = %":.L5", %":.L3"
  %51 = load i64, ptr %"@_4", align 8
  %52 = insertvalue { i64, i64 } { i64 1, i64 undef }, i64 %51, 1
  br label %":.ret"

":.ret":                                          ; preds = %":.L8"
  store { i64, i64 } %52, ptr %"@_5", align 8
  %53 = load { i64, i64 }, ptr %"@_5", align 8
  %54 = extractvalue { i64, i64 } %53, 0
  store i64 %54, ptr %"@_6", align 8
  br label %kinetic.L6

tuple_inbounds:                                   ; preds = %kinetic.L9
  store [3 x float] %30, ptr %tuple, align 4
  %55 = getelementptr inbounds [3 x float], ptr %tuple, i64 0, i64 %46
  %56 = load float, ptr %55, align 4
  %57 = load i64, ptr %d, align 8
  %58 = sub i64 %57, 1
  %inbounds1 = icmp ult i64 %58, 3
  br i1 %inbounds1, label %tuple_inbounds2, label %tuple_oob3

tuple_oob:                                        ; preds = %kinetic.L9
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 11)
  call void @gpu_signal_exception()
  unreachable

tuple_inbounds2:                                  ; preds = %tuple_inbounds
  store [3 x float] %30, ptr %tuple4, align 4
  %59 = getelementptr inbounds [3 x float], ptr %tuple4, i64 0, i64 %58
  %60 = load float, ptr %59, align 4
  %61 = fmul float %56, %60
  %62 = load float, ptr %s, align 4
  %63 = fadd float %62, %61
  store float %63, ptr %s, align 4
  br label %kinetic.L6

tuple_oob3:                                       ; preds = %tuple_inbounds
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 11)
  call void @gpu_signal_exception()
  unreachable

kinetic.ret:                                      ; preds = %kinetic.L20
  %64 = load i32, ptr %j, align 4
  %65 = sext i32 %64 to i64
  store i64 %65, ptr %k, align 8
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %kinetic.ret
  %66 = extractvalue { ptr, [1 x i64] } %3, 0
  %67 = load i64, ptr %k, align 8
  %68 = sub i64 %67, 1
  %69 = getelementptr inbounds float, ptr %66, i64 %68
  store float %50, ptr %69, align 4
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
