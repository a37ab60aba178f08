; ModuleID = 'saxpy'
source_filename = "saxpy"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

define ptx_kernel void @saxpy(float %a, ptr addrspace(1) %x, i64 %x.dim1, ptr addrspace(1) %y, i64 %y.dim1) {
top:
  %i = alloca i32, align 4
  %x1 = alloca i64, align 8
  %y2 = alloca i64, align 8
  %k = alloca i64, align 8
  %k5 = alloca i64, align 8
  %k6 = alloca i64, align 8
  br label %entry

entry:                                            ; preds = %top
  %0 = addrspacecast ptr addrspace(1) %x to ptr
  %1 = insertvalue { ptr, [1 x i64] } undef, ptr %0, 0
  %2 = insertvalue [1 x i64] undef, i64 %x.dim1, 0
  %3 = insertvalue { ptr, [1 x i64] } %1, [1 x i64] %2, 1
  %4 = addrspacecast ptr addrspace(1) %y to ptr
  %5 = insertvalue { ptr, [1 x i64] } undef, ptr %4, 0
  %6 = insertvalue [1 x i64] undef, i64 %y.dim1, 0
  %7 = insertvalue { ptr, [1 x i64] } %5, [1 x i64] %6, 1
  %8 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %9 = add i32 %8, 1
  %10 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %11 = add i32 %10, 1
  %12 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.z()
  %13 = add i32 %12, 1
  %14 = insertvalue { i32, i32, i32 } undef, i32 %9, 0
  %15 = insertvalue { i32, i32, i32 } %14, i32 %11, 1
  %16 = insertvalue { i32, i32, i32 } %15, i32 %13, 2
  %17 = extractvalue { i32, i32, i32 } %16, 0
  %18 = sub i32 %17, 1
  %19 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %20 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %21 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.z()
  %22 = insertvalue { i32, i32, i32 } undef, i32 %19, 0
  %23 = insertvalue { i32, i32, i32 } %22, i32 %20, 1
  %24 = insertvalue { i32, i32, i32 } %23, i32 %21, 2
  %25 = extractvalue { i32, i32, i32 } %24, 0
  %26 = mul i32 %18, %25
  %27 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %28 = add i32 %27, 1
  %29 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %30 = add i32 %29, 1
  %31 = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %32 = add i32 %31, 1
  %33 = insertvalue { i32, i32, i32 } undef, i32 %28, 0
  %34 = insertvalue { i32, i32, i32 } %33, i32 %30, 1
  %35 = insertvalue { i32, i32, i32 } %34, i32 %32, 2
  %36 = extractvalue { i32, i32, i32 } %35, 0
  %37 = add i32 %26, %36
  store i32 %37, ptr %i, align 4
  %38 = extractvalue { ptr, [1 x i64] } %7, 1
  %39 = extractvalue [1 x i64] %38, 0
  %40 = load i32, ptr %i, align 4
  %41 = sext i32 %40 to i64
  %42 = insertvalue [2 x i64] undef, i64 %41, 0
  %43 = insertvalue [2 x i64] %42, i64 %39, 1
  %44 = extractvalue [2 x i64] %43, 0
  store i64 %44, ptr %x1, align 8
  %45 = extractvalue [2 x i64] %43, 1
  store i64 %45, ptr %y2, align 8
  %46 = load i64, ptr %x1, align 8
  %47 = load i64, ptr %y2, align 8
  %48 = icmp sle i64 %46, %47
  br i1 %48, label %saxpy.L6, label %saxpy.L12

saxpy.L6:                                         ; preds = %entry
  %49 = load i32, ptr %i, align 4
  %50 = sext i32 %49 to i64
  store i64 %50, ptr %k, align 8
  br label %getindex.L6

saxpy.L12:                                        ; preds = %"setindex!.ret", %entry
  br label %saxpy.ret

getindex.L6:                                      ; preds = %saxpy.L6
  %51 = extractvalue { ptr, [1 x i64] } %3, 0
  %52 = load i64, ptr %k, align 8
  %53 = sub i64 %52, 1
  %54 = getelementptr inbounds float, ptr %51, i64 %53
  %55 = load float, ptr %54, align 4
  br label %getindex.ret

getindex.ret:                                     ; preds = %getindex.L6
  %56 = fmul float %a, %55
  %57 = load i32, ptr %i, align 4
  %58 = sext i32 %57 to i64
  store i64 %58, ptr %k5, align 8
  br label %getindex.L64

getindex.L64:                                     ; preds = %getindex.ret
  %59 = extractvalue { ptr, [1 x i64] } %7, 0
  %60 = load i64, ptr %k5, align 8
  %61 = sub i64 %60, 1
  %62 = getelementptr inbounds float, ptr %59, i64 %61
  %63 = load float, ptr %62, align 4
  br label %getindex.ret3

getindex.ret3:                                    ; preds = %getindex.L64
  %64 = fadd float %56, %63
  %65 = load i32, ptr %i, align 4
  %66 = sext i32 %65 to i64
  store i64 %66, ptr %k6, align 8
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %getindex.ret3
  %67 = extractvalue { ptr, [1 x i64] } %7, 0
  %68 = load i64, ptr %k6, align 8
  %69 = sub i64 %68, 1
  %70 = getelementptr inbounds float, ptr %67, i64 %69
  store float %64, ptr %70, align 4
  br label %"setindex!.ret"

"setindex!.ret":                                  ; preds = %"setindex!.L6"
  br label %saxpy.L12

saxpy.ret:                                        ; preds = %saxpy.L12
  ret void
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.z() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.z() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.z() #0

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }

!nvvm.annotations = !{!0}

!0 = !{ptr @saxpy, !"kernel", i32 1}
