; ModuleID = 'checked_alloc'
source_filename = "checked_alloc"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [21 x i8] c"zero-size allocation\00", align 1

define dso_local ptr @checked_alloc(i64 %n) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = icmp eq i64 %n, 0
  br i1 %0, label %L3, label %L5

L3:                                               ; preds = %L1
  call void @gpu_report_exception(ptr @.str)
  br label %L5

L5:                                               ; preds = %L3, %L1
  %1 = call ptr @gpu_malloc(i64 %n)
  ret ptr %1
}

declare void @gpu_report_exception(ptr)

declare ptr @gpu_malloc(i64)
