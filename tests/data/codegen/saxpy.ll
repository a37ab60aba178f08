; ModuleID = 'saxpy'
source_filename = "saxpy"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

define ptx_kernel void @saxpy(float %a, ptr addrspace(1) %x, i64 %x.dim1, ptr addrspace(1) %y, i64 %y.dim1) {
top:
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
  %38 = extractvalue { ptr, [1 x i64] } %7, 1
  %39 = extractvalue [1 x i64] %38, 0
  %40 = sext i32 %37 to i64
  %41 = insertvalue [2 x i64] undef, i64 %40, 0
  %42 = insertvalue [2 x i64] %41, i64 %39, 1
  %43 = extractvalue [2 x i64] %42, 0
  %44 = extractvalue [2 x i64] %42, 1
  %45 = icmp sle i64 %43, %44
  br i1 %45, label %saxpy.L6, label %saxpy.L12

saxpy.L6:                                         ; preds = %entry
  %46 = sext i32 %37 to i64
  br label %getindex.L6

saxpy.L12:                                        ; preds = %"setindex!.ret", %entry
  br label %saxpy.ret

getindex.L6:                                      ; preds = %saxpy.L6
  %47 = extractvalue { ptr, [1 x i64] } %3, 0
  %48 = sub i64 %46, 1
  %49 = getelementptr inbounds float, ptr %47, i64 %48
  %50 = load float, ptr %49, align 4
  br label %getindex.ret

getindex.ret:                                     ; preds = %getindex.L6
  %51 = fmul float %a, %50
  %52 = sext i32 %37 to i64
  br label %getindex.L62

getindex.L62:                                     ; preds = %getindex.ret
  %53 = extractvalue { ptr, [1 x i64] } %7, 0
  %54 = sub i64 %52, 1
  %55 = getelementptr inbounds float, ptr %53, i64 %54
  %56 = load float, ptr %55, align 4
  br label %getindex.ret1

getindex.ret1:                                    ; preds = %getindex.L62
  %57 = fadd float %51, %56
  %58 = sext i32 %37 to i64
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %getindex.ret1
  %59 = extractvalue { ptr, [1 x i64] } %7, 0
  %60 = sub i64 %58, 1
  %61 = getelementptr inbounds float, ptr %59, i64 %60
  store float %57, ptr %61, align 4
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
