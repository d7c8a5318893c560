// Fetches every URL at once, a goroutine each, and waits for them all.
package main

import (
	"fmt"
	"net/http"
	"sync"
)

func main() {
	urls := []string{"https://example.com/1", "https://example.com/2"}
	var wg sync.WaitGroup
	for _, url := range urls {
		wg.Add(1)
		go func(url string) {
			defer wg.Done()
			if response, err := http.Get(url); err == nil {
				fmt.Println(url, response.Status)
				response.Body.Close()
			}
		}(url)
	}
	wg.Wait()
}
