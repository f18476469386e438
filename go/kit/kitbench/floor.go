package kitbench

// Floor is the primitive alone, the cost every scenario pays at
// least: one goroutine sends 0..items-1 on a channel of the given
// capacity, another receives until it is closed. No tracing, no
// pause, no scenario: what is left is the channel.
func Floor(items, capacity int) {
	ch := make(chan int, capacity)
	done := make(chan struct{})
	go func() {
		for range ch {
		}
		close(done)
	}()
	for i := range items {
		ch <- i
	}
	close(ch)
	<-done
}
