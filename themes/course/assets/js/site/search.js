// Search (Pagefind): opened by its button or by /.
