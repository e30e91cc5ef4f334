"""Write-side operations on communities, one module per concern: membership, discussions,
moderation and emails. Views, tasks and commands call these."""
