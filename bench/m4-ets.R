# Times R forecast's ets() on the M4 weekly series (the reference of bench/m4.ts).
# Usage: Rscript bench/m4-ets.R <dir with Weekly-train.csv and Weekly-test.csv> [h]
# Prints one JSON line: sMAPE, MASE (in-sample naive scale, season 1), and the wall and CPU seconds of fitting and forecasting.
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
h <- if (length(args) > 1) as.integer(args[2]) else 13L
suppressMessages(library(forecast))
train <- read.csv(file.path(dir, "Weekly-train.csv"), stringsAsFactors = FALSE)
test <- read.csv(file.path(dir, "Weekly-test.csv"), stringsAsFactors = FALSE)
series <- lapply(seq_len(nrow(train)), function(i) { y <- as.numeric(train[i, -1]); y[!is.na(y)] })
actuals <- lapply(seq_len(nrow(test)), function(i) as.numeric(test[i, -1])[seq_len(h)])
started <- proc.time()
forecasts <- lapply(series, function(y) as.numeric(forecast(ets(y), h = h)$mean))
used <- proc.time() - started
seconds <- used[["elapsed"]]
cpu <- used[["user.self"]] + used[["sys.self"]]
smape <- mean(mapply(function(a, f) mean(200 * abs(a - f) / (abs(a) + abs(f))), actuals, forecasts))
mase <- mean(mapply(function(a, f, y) mean(abs(a - f)) / mean(abs(diff(y))), actuals, forecasts, series))
cat(sprintf('{"smape": %.4f, "mase": %.4f, "seconds": %.2f, "cpu": %.2f}\n', smape, mase, seconds, cpu))
