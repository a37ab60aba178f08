; ModuleID = 'vadd'
source_filename = "vadd"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [14 x i8] c"ArgumentError\00", align 1
@.str.1 = private unnamed_addr constant [15 x i8] c"steprange_last\00", align 1
@.str.2 = private unnamed_addr constant [18 x i8] c"prelude/ranges.jl\00", align 1
@.str.3 = private unnamed_addr constant [12 x i8] c"DivideError\00", align 1
@.str.4 = private unnamed_addr constant [4 x i8] c"rem\00", align 1
@.str.5 = private unnamed_addr constant [15 x i8] c"prelude/int.jl\00", align 1

define ptx_kernel void @vadd(ptr addrspace(1) %a, i64 %a.dim1, ptr addrspace(1) %b, i64 %b.dim1, ptr addrspace(1) %c, i64 %c.dim1) {
top:
  %"@_8" = alloca i64, align 8
  br label %entry

entry:                                            ; preds = %top
  %0 = addrspacecast ptr addrspace(1) %a to ptr
  %1 = insertvalue { ptr, [1 x i64] } undef, ptr %0, 0
  %2 = insertvalue [1 x i64] undef, i64 %a.dim1, 0
  %3 = insertvalue { ptr, [1 x i64] } %1, [1 x i64] %2, 1
  %4 = addrspacecast ptr addrspace(1) %b to ptr
  %5 = insertvalue { ptr, [1 x i64] } undef, ptr %4, 0
  %6 = insertvalue [1 x i64] undef, i64 %b.dim1, 0
  %7 = insertvalue { ptr, [1 x i64] } %5, [1 x i64] %6, 1
  %8 = addrspacecast ptr addrspace(1) %c to ptr
  %9 = insertvalue { ptr, [1 x i64] } undef, ptr %8, 0
  %10 = insertvalue [1 x i64] undef, i64 %c.dim1, 0
  %11 = insertvalue { ptr, [1 x i64] } %9, [1 x i64] %10, 1
  %12 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %13 = add i32 %12, 1
  %14 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %15 = add i32 %14, 1
  %16 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.z()
  %17 = add i32 %16, 1
  %18 = insertvalue { i32, i32, i32 } undef, i32 %13, 0
  %19 = insertvalue { i32, i32, i32 } %18, i32 %15, 1
  %20 = insertvalue { i32, i32, i32 } %19, i32 %17, 2
  %21 = sub i32 %13, 1
  %22 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %23 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %24 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.z()
  %25 = insertvalue { i32, i32, i32 } undef, i32 %22, 0
  %26 = insertvalue { i32, i32, i32 } %25, i32 %23, 1
  %27 = insertvalue { i32, i32, i32 } %26, i32 %24, 2
  %28 = mul i32 %21, %22
  %29 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %30 = add i32 %29, 1
  %31 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %32 = add i32 %31, 1
  %33 = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %34 = add i32 %33, 1
  %35 = insertvalue { i32, i32, i32 } undef, i32 %30, 0
  %36 = insertvalue { i32, i32, i32 } %35, i32 %32, 1
  %37 = insertvalue { i32, i32, i32 } %36, i32 %34, 2
  %38 = add i32 %28, %30
  %39 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %40 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.y()
  %41 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.z()
  %42 = insertvalue { i32, i32, i32 } undef, i32 %39, 0
  %43 = insertvalue { i32, i32, i32 } %42, i32 %40, 1
  %44 = insertvalue { i32, i32, i32 } %43, i32 %41, 2
  %45 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %46 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %47 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.z()
  %48 = insertvalue { i32, i32, i32 } undef, i32 %45, 0
  %49 = insertvalue { i32, i32, i32 } %48, i32 %46, 1
  %50 = insertvalue { i32, i32, i32 } %49, i32 %47, 2
  %51 = mul i32 %39, %45
  %52 = sext i32 %38 to i64
  %53 = sext i32 %51 to i64
  %54 = insertvalue [3 x i64] undef, i64 %52, 0
  %55 = insertvalue [3 x i64] %54, i64 %53, 1
  %56 = insertvalue [3 x i64] %55, i64 %c.dim1, 2
  %57 = icmp eq i64 %53, 0
  br i1 %57, label %steprange_last.L4, label %steprange_last.L9

vadd.L23:                                         ; preds = %"setindex!.ret", %steprange_last.ret
  %58 = load i64, ptr %"@_8", align 8
  %59 = icmp eq i64 %52, %91
  %60 = xor i1 %59, true
  %61 = icmp slt i64 0, %53
  %62 = icmp slt i64 %52, %91
  %63 = icmp eq i1 %61, %62
  %64 = xor i1 %63, true
  %65 = and i1 %60, %64
  %66 = icmp slt i64 0, %53
  %67 = icmp slt i64 %91, %58
  %68 = and i1 %66, %67
  %69 = or i1 %65, %68
  %70 = icmp slt i64 %53, 0
  %71 = icmp slt i64 %58, %91
  %72 = and i1 %70, %71
  %73 = or i1 %69, %72
  %74 = xor i1 %73, true
  br i1 %74, label %vadd.L26, label %vadd.L36

vadd.L26:                                         ; preds = %vadd.L23
  %75 = load i64, ptr %"@_8", align 8
  %76 = add i64 %75, %53
  %77 = insertvalue [2 x i64] undef, i64 %75, 0
  %78 = insertvalue [2 x i64] %77, i64 %76, 1
  store i64 %76, ptr %"@_8", align 8
  br label %getindex.L6

vadd.L36:                                         ; preds = %vadd.L23
  br label %vadd.ret

steprange_last.L4:                                ; preds = %entry
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 41)
  call void @gpu_signal_exception()
  unreachable

steprange_last.L9:                                ; preds = %entry
  %79 = icmp eq i64 %c.dim1, %52
  br i1 %79, label %steprange_last.L11, label %steprange_last.L12

steprange_last.L11:                               ; preds = %steprange_last.L9
  br label %steprange_last.ret

steprange_last.L12:                               ; preds = %steprange_last.L9
  %80 = icmp slt i64 0, %53
  %81 = icmp slt i64 %52, %c.dim1
  %82 = icmp eq i1 %80, %81
  %83 = xor i1 %82, true
  br i1 %83, label %steprange_last.L17, label %steprange_last.L19

steprange_last.L17:                               ; preds = %steprange_last.L12
  %84 = sub i64 %52, %53
  br label %steprange_last.ret

steprange_last.L19:                               ; preds = %steprange_last.L12
  %85 = sub i64 %c.dim1, %52
  %86 = icmp eq i64 %53, 0
  br i1 %86, label %rem.L4, label %rem.L9

rem.L4:                                           ; preds = %steprange_last.L19
  call void @gpu_report_exception_name(ptr @.str.3)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.4, ptr @.str.5, i32 78)
  call void @gpu_signal_exception()
  unreachable

rem.L9:                                           ; preds = %steprange_last.L19
  %87 = icmp eq i64 %53, -1
  br i1 %87, label %rem.L13, label %rem.L15

rem.L13:                                          ; preds = %rem.L9
  br label %rem.ret

rem.L15:                                          ; preds = %rem.L9
  %88 = srem i64 %85, %53
  br label %rem.ret

rem.ret:                                          ; preds = %rem.L15, %rem.L13
  %89 = phi i64 [ 0, %rem.L13 ], [ %88, %rem.L15 ]
  %90 = sub i64 %c.dim1, %89
  br label %steprange_last.ret

steprange_last.ret:                               ; preds = %rem.ret, %steprange_last.L17, %steprange_last.L11
  %91 = phi i64 [ %c.dim1, %steprange_last.L11 ], [ %84, %steprange_last.L17 ], [ %90, %rem.ret ]
  %92 = insertvalue { i64, i64, i64 } undef, i64 %52, 0
  %93 = insertvalue { i64, i64, i64 } %92, i64 %53, 1
  %94 = insertvalue { i64, i64, i64 } %93, i64 %91, 2
  %95 = add i64 %52, 0
  store i64 %95, ptr %"@_8", align 8
  br label %vadd.L23

getindex.L6:                                      ; preds = %vadd.L26
  %96 = sub i64 %75, 1
  %97 = getelementptr inbounds float, ptr %0, i64 %96
  %98 = load float, ptr %97, align 4
  br label %getindex.ret

getindex.ret:                                     ; preds = %getindex.L6
  br label %getindex.L62

getindex.L62:                                     ; preds = %getindex.ret
  %99 = sub i64 %75, 1
  %100 = getelementptr inbounds float, ptr %4, i64 %99
  %101 = load float, ptr %100, align 4
  br label %getindex.ret1

getindex.ret1:                                    ; preds = %getindex.L62
  %102 = fadd float %98, %101
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %getindex.ret1
  %103 = sub i64 %75, 1
  %104 = getelementptr inbounds float, ptr %8, i64 %103
  store float %102, ptr %104, align 4
  br label %"setindex!.ret"

"setindex!.ret":                                  ; preds = %"setindex!.L6"
  br label %vadd.L23

vadd.ret:                                         ; preds = %vadd.L36
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

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.z() #0

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
