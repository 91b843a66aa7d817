/* A translation unit of its own for a header given with -include (headers_coexist.cmake). */
int coexist_alone(void);
int coexist_alone(void)
{
    return 0;
}
