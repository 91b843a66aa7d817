/*
 * A shared object that is no provider: it exports no WSPStartup, so ws2_32
 * must refuse it (WSAEPROVIDERFAILEDINIT) when a socket needs it.
 */
int ws2t_not_a_provider(void);
int ws2t_not_a_provider(void)
{
    return 42;
}
